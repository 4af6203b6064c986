"""Domain events -> notifications (connected in NotificatiesConfig.ready). Each runs in the
transaction of what happened, so a notification exists exactly when its cause committed.

The URLs are those of the Klantinteracties API (klantcontacten, internetaken, partijen) and of
Loket's ZGW-style zaken API; the kenmerken are what a subscriber filters on."""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse

from loket.accounts.models import Team
from loket.notificaties.services import notificatie_publish


def _url(name: str, uuid) -> str:
    return settings.LOKET_BASE_URL.rstrip("/") + reverse(name, kwargs={"uuid": str(uuid)})


def klantcontact_geregistreerd(event) -> None:
    contact = event.klantcontact
    url = _url("klantinteracties:klantcontacten-detail", contact.uuid)
    notificatie_publish(
        kanaal="klantcontacten",
        hoofd_object=url,
        resource="klantcontact",
        resource_url=url,
        actie="create",
        kenmerken={"kanaal": contact.kanaal.code if contact.kanaal_id else ""},
    )


def _team_slug(verzoek) -> str:
    """The verzoek's team, also when its cached relation is stale (a concurrent forward changed
    `team_id` on this instance: the relation then reads None)."""
    if not verzoek.team_id:
        return ""
    team = verzoek.team
    if team is None or team.pk != verzoek.team_id:
        return Team.objects.filter(pk=verzoek.team_id).values_list("slug", flat=True).first() or ""
    return team.slug


def _internetaak(event, actie: str) -> None:
    verzoek = event.verzoek
    url = _url("klantinteracties:internetaken-detail", verzoek.uuid)
    notificatie_publish(
        kanaal="internetaken",
        hoofd_object=url,
        resource="internetaak",
        resource_url=url,
        actie=actie,
        kenmerken={"status": verzoek.status, "team": _team_slug(verzoek)},
    )


def contactverzoek_aangemaakt(event) -> None:
    _internetaak(event, "create")


def contactverzoek_gewijzigd(event) -> None:
    _internetaak(event, "partial_update")


def _partij(event, actie: str) -> None:
    partij = event.partij
    url = _url("klantinteracties:partijen-detail", partij.uuid)
    notificatie_publish(
        kanaal="partijen",
        hoofd_object=url,
        resource="partij",
        resource_url=url,
        actie=actie,
        kenmerken={"soortPartij": partij.soort},
    )


def partij_aangemaakt(event) -> None:
    _partij(event, "create")


def partij_gewijzigd(event) -> None:
    _partij(event, "partial_update")


def _zaak(zaak, actie: str, **kenmerken) -> None:
    url = settings.LOKET_BASE_URL.rstrip("/") + reverse(
        "api-zaak-detail", kwargs={"uuid": str(zaak.uuid)}
    )
    notificatie_publish(
        kanaal="zaken",
        hoofd_object=url,
        resource="zaak",
        resource_url=url,
        actie=actie,
        kenmerken={"zaaktype": zaak.zaaktype.identificatie, **kenmerken},
    )


def zaak_aangemaakt(event) -> None:
    _zaak(event.zaak, "create")


def zaak_status_gezet(event) -> None:
    _zaak(event.zaak, "partial_update", status=event.status.statustype.omschrijving)
