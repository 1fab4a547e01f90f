"""`python -m sipas`: the command-line interface."""

from sipas.cli import main

raise SystemExit(main())
