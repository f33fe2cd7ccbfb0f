"""`python -m newsgraph` is the `newsgraph` command."""

import sys

from newsgraph.api.cli import main

if __name__ == "__main__":
    sys.exit(main())
