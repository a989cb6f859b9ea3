"""The ``factsheet`` command: the top layer.

Commands, exit codes and summaries (:mod:`.commands`), the live-preview server
(:mod:`.serve`), ``init``/``new`` scaffolds (:mod:`.scaffold`) and
``extract --write`` (:mod:`.accept`).  Everything below is reached from here.
"""

from .commands import main

__all__ = ["main"]
