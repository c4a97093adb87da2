"""`python -m smalltown_social`."""

import sys

from smalltown_social.cli import main

sys.exit(main())
