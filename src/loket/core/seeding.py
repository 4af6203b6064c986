"""Reference data that data migrations seed, restored after a flush.

A data migration runs once. A database flush (the test runner's transactional tests, an
operator's `flush`) empties those tables again but then sends post_migrate: connecting the same
idempotent seed function to it keeps channels, categories and norms present at all times.
"""

from __future__ import annotations

import importlib

from django.db.models.signals import post_migrate


def reseed_on_post_migrate(app_config, migration: str, function: str) -> None:
    """Run `<app>.migrations.<migration>.<function>(apps, None)` after every migrate or flush."""
    module_name = f"{app_config.name}.migrations.{migration}"

    def _reseed(sender, apps=None, **kwargs):
        if sender.name != app_config.name:
            return
        if apps is None:  # `flush` sends no migration state: the current models apply
            from django.apps import apps
        seed = getattr(importlib.import_module(module_name), function)
        try:
            seed(apps, None)
        except LookupError:  # migrated backwards past the model: nothing to seed
            return

    post_migrate.connect(_reseed, weak=False, dispatch_uid=f"reseed:{module_name}.{function}")
