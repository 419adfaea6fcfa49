"""Lets `python -m rearth_cli` run the command line."""

from rearth_cli.cli import main

if __name__ == "__main__":
    main()
