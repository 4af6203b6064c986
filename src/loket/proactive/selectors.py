"""Reads for proactive service and messages."""

from loket.proactive.models import Bericht


def bericht_list_for_partij(partij):
    """A party's messages, newest first: what Mijn Loket and the klantbeeld show."""
    return Bericht.objects.filter(partij=partij).order_by("-created_at", "-pk")
