"""``python -m nutgraf``: see nutgraf.cli."""
import sys

from .cli import main

sys.exit(main())
