"""`python -m storydesk`: the same as the `storydesk` script."""

import sys

from .cli import main

sys.exit(main())
