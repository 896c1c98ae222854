"""`python -m cchc_docs` runs `cchc`."""

import sys

from .cli import main

sys.exit(main())
