"""``python -m briefing`` is the same program as the ``briefing`` command."""

import sys

from briefing.cli import main

sys.exit(main())
