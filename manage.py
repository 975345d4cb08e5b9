#!/usr/bin/env python
"""Django's command-line utility; the same as the `xxgk` console script."""

import sys

from xxgk.cli import main

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
