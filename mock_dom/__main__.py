"""`python -m mock_dom [flags]`: the mock DOM server, exactly as `domh mock-dom` starts it."""

from __future__ import annotations

import sys

from mock_dom.cli import main

if __name__ == "__main__":
    sys.exit(main())
