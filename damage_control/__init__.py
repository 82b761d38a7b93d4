"""The composition root: the `damage-control` command builds settings, the core and the chosen adapters."""
