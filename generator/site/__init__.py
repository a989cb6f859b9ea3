"""The site made from validated articles and their extracted facts.

Merging hand-written and extracted facts (:mod:`.merge`: the human wins), the
site graph of articles, topics, entities, tags and merged timelines
(:mod:`.graph`), Markdown bodies and their sanitising (:mod:`.body`,
:mod:`.sanitize`, :mod:`.highlight`), rendering with Jinja and base-path URLs
(:mod:`.render`, :mod:`.urls`), feeds, exports, JSON-LD and the search index
(:mod:`.feeds`, :mod:`.export`, :mod:`.jsonld`, :mod:`.search`).  Imports from
:mod:`generator.extract` and :mod:`generator.content` only.
"""
