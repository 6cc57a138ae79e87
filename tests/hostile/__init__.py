"""Hostile inputs, one generated case per kind, each in its own bounded process."""
