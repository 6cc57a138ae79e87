"""Helpers for `benchmarks/scale.py`: corpus generation, the pty session, newsboat.

They live in a package, not beside `scale.py`, because `make bench` runs every
`benchmarks/*.py` file as a script.
"""
