"""What the user wrote, read and checked: the lowest layer.

Discovering content files and splitting front matter (:mod:`.load`), YAML with
line marks (:mod:`.yamlmarks`), typed fields (:mod:`.fields`), validation into
the frozen data model (:mod:`.validate`, :mod:`.model`), written date values
(:mod:`.datevalue`), ``site.yaml`` (:mod:`.config`) and diagnostics with
``path:line:col`` (:mod:`.errors`).  Imports nothing from the other subpackages.
"""
