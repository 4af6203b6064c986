"""Models of the training app."""
