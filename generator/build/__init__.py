"""Running the stages in order and writing the result safely.

:mod:`.pipeline` runs the build as named stages; the cache (:mod:`.cache`) and
the worker pool (:mod:`.parallel`) live here and nowhere else; page
fingerprints (:mod:`.fingerprint`), rendering into the output folder
(:mod:`.output`), the atomic swap of that folder (:mod:`.write`), the site lock
(:mod:`.lock`) and progress lines (:mod:`.progress`).  Imports from
:mod:`generator.site`, :mod:`generator.extract` and :mod:`generator.content`.
"""
