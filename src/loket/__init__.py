"""Loket: open-source klantcontactplatform voor Nederlandse gemeenten."""

__version__ = "0.1.0"
