"""Subcommands of the command line; each module registers its own with `register()`."""
