"""Mark the days whose summaries a change touches (see summaries.py). Bulk writes bypass these."""

from __future__ import annotations

from django.db.models.signals import post_delete, post_save, pre_save

from loket.cases.models import Zaak
from loket.contacts.models import Contactverzoek, Klantcontact, Vraag
from loket.insights import summaries


def _contact_changed(sender, instance, update_fields=None, **kwargs) -> None:
    if update_fields is not None and set(update_fields) <= {"referentienummer", "updated_at"}:
        return  # numbering a new contact changes no summary (it was marked when it was made)
    summaries.mark_contact_day(instance.plaatsgevonden_op)
    # A contact linked to a party later (after identification) joins that party's journeys.
    if instance.partij_id is not None and instance.pk is not None:
        for product_id in (
            Vraag.objects.filter(klantcontact_id=instance.pk, product__isnull=False)
            .values_list("product_id", flat=True)
            .distinct()
        ):
            summaries.mark_journeys(
                partij_id=instance.partij_id,
                product_id=product_id,
                moment=instance.plaatsgevonden_op,
            )


def _vraag_changed(sender, instance, **kwargs) -> None:

    contact = (
        Klantcontact.objects.filter(pk=instance.klantcontact_id)
        .values_list("plaatsgevonden_op", "partij_id")
        .first()
    )
    if contact is None:
        return
    summaries.mark_contact_day(contact[0])
    summaries.mark_journeys(partij_id=contact[1], product_id=instance.product_id, moment=contact[0])


def _remember_old(sender, instance, **kwargs) -> None:
    """Keep the stored dates, so a moved deadline or einddatum also marks its old day."""
    if instance.pk is None:
        instance._insights_old = None
        return
    fields = ("einddatum",) if sender.__name__ == "Zaak" else ("deadline", "klantcontact_id")
    instance._insights_old = sender.objects.filter(pk=instance.pk).values_list(*fields).first()


def _zaak_changed(sender, instance, **kwargs) -> None:
    days = [instance.einddatum]
    old = getattr(instance, "_insights_old", None)
    if old:
        days.append(old[0])
    summaries.mark_days(summaries.ZAKEN, days)
    summaries.mark_days(summaries.KLANTREIZEN, days)


def _verzoek_changed(sender, instance, **kwargs) -> None:

    days = [summaries.local_date(instance.deadline)] if instance.deadline else []
    old = getattr(instance, "_insights_old", None)
    if old and old[0]:
        days.append(summaries.local_date(old[0]))
    summaries.mark_days(summaries.VERZOEKEN, days)
    # An e-mail contact counts as answered when its verzoeken are done.
    moment = (
        Klantcontact.objects.filter(pk=instance.klantcontact_id)
        .values_list("plaatsgevonden_op", flat=True)
        .first()
    )
    summaries.mark_contact_day(moment)


def connect() -> None:

    for model, handler in (
        (Klantcontact, _contact_changed),
        (Vraag, _vraag_changed),
        (Zaak, _zaak_changed),
        (Contactverzoek, _verzoek_changed),
    ):
        post_save.connect(handler, sender=model, dispatch_uid=f"insights-{model.__name__}-save")
        post_delete.connect(handler, sender=model, dispatch_uid=f"insights-{model.__name__}-del")
    for model in (Zaak, Contactverzoek):
        pre_save.connect(_remember_old, sender=model, dispatch_uid=f"insights-{model.__name__}-pre")
