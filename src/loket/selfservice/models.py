"""Models of the selfservice app."""
