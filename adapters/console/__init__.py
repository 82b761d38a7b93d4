"""The console adapter: a local simulated channel in the terminal, the demo and the smoke test of the product."""
