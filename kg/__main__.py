"""``python -m kg`` runs the command-line interface."""

import sys

from kg.cli import main

sys.exit(main())
