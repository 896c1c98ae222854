"""`python -m cchc_docs.cli` runs `cchc`."""

import sys

from . import main

sys.exit(main())
