"""`python -m sipas`: the command-line interface."""

from sipas.cli.main import main

raise SystemExit(main())
