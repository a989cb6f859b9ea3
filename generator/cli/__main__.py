"""``python -m generator.cli``: the same as the ``factsheet`` command."""

import sys

from .commands import main

sys.exit(main())
