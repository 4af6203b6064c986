"""Models of the citizen portal."""
