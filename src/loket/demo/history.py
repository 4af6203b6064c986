"""The demo's year of history: klantcontacten with their questions and referrals, and zaken with
their status history. Functions of the demo builder (loket.demo.services binds them as its
methods)."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import TYPE_CHECKING

from django.db.models import Model
from django.utils import timezone

from loket.cases.models import Status, Zaak
from loket.catalogue.models import Organisatie as CatalogueOrganisatie
from loket.catalogue.models import Product
from loket.contacts.constants import Afhandeling
from loket.contacts.models import Klantcontact, Vraag
from loket.core.bulk import insert_rows, max_pk, pk_sequences_reset
from loket.demo import data
from loket.demo._shared import AMS, BATCH

if TYPE_CHECKING:
    from loket.demo.services import DemoSummary, _Builder


# --- history ------------------------------------------------------------------------------
def _contact_moment(self: _Builder, kanaal_code: str, day: dt.date | None = None) -> dt.datetime:
    rng = self.rng
    while day is None:
        candidate = self.today - dt.timedelta(days=rng.randint(0, 364))
        if kanaal_code in _ALWAYS_OPEN or self.calendar.is_working_day(candidate):
            day = candidate
    if kanaal_code in ("telefoon", "balie", "chat"):
        minutes = rng.randint(8 * 60 + 30, 16 * 60 + 55)
    else:
        minutes = int(min(max(rng.gauss(14 * 60, 240), 0), 24 * 60 - 1))
    moment = dt.datetime.combine(day, dt.time(minutes // 60, minutes % 60), tzinfo=AMS)
    moment = moment.replace(second=rng.randint(0, 59))
    if moment > self.now:  # today's contacts have taken place already
        moment = self.now - dt.timedelta(minutes=rng.randint(1, 90))
    return moment


# Channels open in the evening and at weekends.
_ALWAYS_OPEN = ("website", "app", "sociale-media", "e-mail")
# The story of the year: a municipality that moves its transactions online. The weight of the
# digital channels grows over the year, that of phone and counter shrinks (factor at the start,
# factor at the end of the year); repeat contacts fall as answers and forms get better.
_TREND = {"website": (1.6, 5.0), "app": (1.6, 5.0), "telefoon": (1.1, 0.6), "balie": (1.1, 0.6)}
_REPEAT_SHARE = (0.14, 0.08)  # share of contacts that repeat an earlier question (start, end)
# A repeat comes within this many days (the KPI's window is 7 by default).
_REPEAT_DAYS = 6
# Share of zaken done within the servicenorm (start, end of the year).
_ZAAK_ON_TIME = (0.80, 0.90)


def _trend(start_end: tuple[float, float], t: float) -> float:
    start, end = start_end
    return start + (end - start) * t


def _channel_day(self: _Builder, codes: list[str], weights: list[float]) -> tuple[str, dt.date]:
    """A day of the past year and a channel, with the channel mix of that point in the year."""
    rng = self.rng
    while True:
        days_ago = rng.randint(0, 364)
        t = 1 - days_ago / 364
        trended = [
            w * _trend(_TREND[c], t) if c in _TREND else w
            for c, w in zip(codes, weights, strict=True)
        ]
        code = rng.choices(codes, trended)[0]
        day = self.today - dt.timedelta(days=days_ago)
        if code in _ALWAYS_OPEN or self.calendar.is_working_day(day):
            return code, day


_CONTACT_COLUMNS = (
    "id",
    "uuid",
    "referentienummer",
    "kanaal_id",
    "partij_id",
    "medewerker_id",
    "plaatsgevonden_op",
    "duur",
    "onderwerp",
)
_VRAAG_COLUMNS = (
    "klantcontact_id",
    "vraagtekst",
    "contactreden_id",
    "product_id",
    "afhandeling",
    "doorverwezen_naar_id",
    "antwoord",
)


def _pk(obj: Model | None) -> int | None:
    return None if obj is None else obj.pk


def _contacts(self: _Builder, summary: DemoSummary) -> None:
    """A year of klantcontacten with their questions, inserted as rows (core.bulk): keys are
    assigned here, so the questions and the zaken of a contact know it without reading back."""
    rng = self.rng
    n = self.scale.contacts
    codes = [code for code, _ in data.KANAAL_MIX]
    weights = [w for _, w in data.KANAAL_MIX]
    reason_weights = [r[3] for r in self.reasons]
    self.case_sources = []
    # Earlier contacts about a product (moment, party, reason), for repeat contacts.
    recent: list[tuple[dt.datetime, int, tuple]] = []
    made = 0
    first_pk = max_pk(Klantcontact) + 1  # the build runs alone: keys are assigned here
    kanaal_ids = {code: kanaal.pk for code, kanaal in self.kanalen.items()}
    bar = self._bar(n, "Klantcontacten")
    while made < n:
        size = min(BATCH, n - made)
        contacts: list[tuple] = []
        questions: list[list[tuple]] = []
        for _ in range(size):
            pk = first_pk + made + len(contacts)
            repeat = None
            partij_id: int | None
            earlier = rng.choice(recent) if recent else None
            t_earlier = (
                1 - min((self.today - earlier[0].date()).days, 364) / 364 if earlier else 0.0
            )
            if earlier is not None and rng.random() < _trend(_REPEAT_SHARE, t_earlier):
                # Asked again: the same party about the same product a few days later, mostly
                # by phone (the answer or the form did not settle it the first time); less
                # often as the year goes on.
                earlier_moment, partij_id, reason = earlier
                code = "telefoon" if rng.random() < 0.7 else "e-mail"
                day = earlier_moment.date() + dt.timedelta(days=rng.randint(1, _REPEAT_DAYS))
                if code not in _ALWAYS_OPEN:
                    day = self.calendar.next_working_day(day)
                if day - earlier_moment.date() <= dt.timedelta(days=_REPEAT_DAYS) and (
                    day <= self.today
                ):
                    repeat = reason
            if repeat is None:
                code, day = self._channel_day(codes, weights)
                roll = rng.random()
                if roll < 0.80:
                    partij_id = rng.choice(self.person_partij_ids)
                elif roll < 0.86:
                    partij_id = rng.choice(self.company_partij_ids)
                else:
                    partij_id = None
            moment = self._contact_moment(code, day)
            staffed = code not in ("website", "app")
            duur = None
            if code in self._DUUR:
                mean, sd = self._DUUR[code]
                duur = dt.timedelta(seconds=int(max(30, rng.gauss(mean, sd))))
            contact_uuid = uuid.UUID(int=rng.getrandbits(128), version=4)
            medewerker_id = rng.choice(self.kcc_staff) if staffed else None
            reason = repeat or rng.choices(self.reasons, reason_weights)[0]
            reden, product, texts, _ = reason
            if partij_id is not None and product is not None and repeat is None:
                recent.append((moment, partij_id, reason))
                if len(recent) > 400:
                    recent.pop(0)
            outcomes, out_weights = self._AFHANDELING.get(code, self._AFHANDELING_DEFAULT)
            afhandeling = rng.choices(outcomes, out_weights)[0]
            # Numbered from the primary key, as contact_register does.
            local_day = moment.astimezone(AMS).date()
            contacts.append(
                (
                    pk,
                    contact_uuid,
                    f"KC-{local_day.year}-{pk:06d}",
                    kanaal_ids[code],
                    partij_id,
                    medewerker_id,
                    moment,
                    duur,
                    reden.naam,
                )
            )
            asked = [(reden, product, rng.choice(texts), afhandeling)]
            if rng.random() < 0.08:
                reden2, product2, texts2, _ = rng.choices(self.reasons, reason_weights)[0]
                asked.append(
                    (
                        reden2,
                        product2,
                        rng.choice(texts2),
                        rng.choices(outcomes, out_weights)[0],
                    )
                )
            questions.append(asked)
            for _reden, product, _text, afhandeling in asked:
                if afhandeling == Afhandeling.ZAAK:
                    self.case_sources.append((pk, partij_id, local_day, product))
        insert_rows(Klantcontact, _CONTACT_COLUMNS, contacts)
        vragen = [
            (
                contact[0],
                text,
                reden.pk,
                product.pk if product is not None else None,
                afhandeling,
                _pk(self._doorverwezen_naar(product))
                if afhandeling == Afhandeling.DOORVERWEZEN
                else None,
                "Uitgelegd volgens het kennisartikel."
                if afhandeling == Afhandeling.BEANTWOORD
                else "",
            )
            for contact, asked in zip(contacts, questions, strict=True)
            for reden, product, text, afhandeling in asked
        ]
        insert_rows(Vraag, _VRAAG_COLUMNS, vragen)
        summary.questions += len(vragen)
        made += size
        bar.update(size)
    bar.close()
    pk_sequences_reset([Klantcontact])
    summary.contacts = made


def _doorverwezen_naar(self: _Builder, product: Product | None) -> CatalogueOrganisatie | None:
    if product is not None and product.organisatie_id:
        return product.organisatie
    return self.rijksoverheid


_ZAAK_COLUMNS = (
    "id",
    "uuid",
    "identificatie",
    "zaaktype_id",
    "omschrijving",
    "initiator_id",
    "klantcontact_id",
    "team_id",
    "behandelaar_id",
    "startdatum",
    "einddatum_gepland",
    "uiterlijke_einddatum_afdoening",
    "einddatum",
    "status_id",
)
_STATUS_COLUMNS = ("id", "zaak_id", "statustype_id", "datum_status_gezet")


def _cases(self: _Builder, summary: DemoSummary) -> None:
    """Zaken with their status history, inserted as rows (core.bulk) with the keys assigned
    here: each zaak points at its last status at once."""
    rng = self.rng
    n = self.scale.cases
    zaaktypen = list(self.zaaktypen.values())
    zt_weights = [8, 10, 6, 4, 6, 3, 3, 12, 5][: len(zaaktypen)]
    sources = self.case_sources
    rng.shuffle(sources)
    now = timezone.now()
    made = 0
    first_pk = max_pk(Zaak) + 1  # the build runs alone: keys are assigned here
    status_pk = max_pk(Status) + 1
    bar = self._bar(n, "Zaken")
    while made < n:
        size = min(BATCH, n - made)
        zaken: list[tuple] = []
        statussen: list[tuple] = []
        for i in range(size):
            index = made + i
            if index < len(sources):
                contact_id, partij_id, start, product = sources[index]
                zaaktype = self.zaaktypen.get(product.upl_naam) if product else None
                zaaktype = zaaktype or rng.choices(zaaktypen, zt_weights)[0]
            else:
                contact_id = None
                partij_id = (
                    rng.choice(self.person_partij_ids)
                    if rng.random() < 0.95
                    else rng.choice(self.company_partij_ids)
                )
                start = self.today - dt.timedelta(days=rng.randint(0, 364))
                zaaktype = rng.choices(zaaktypen, zt_weights)[0]
            start = self.calendar.next_working_day(start)
            if start > self.today:
                start = self.today
            planned = self._add_working_days(start, zaaktype.servicenorm_werkdagen)
            latest = self._add_working_days(start, zaaktype.doorlooptijd_werkdagen)
            statustypen = self.statustypen[zaaktype.pk]
            # How long the zaak takes: most finish within the servicenorm (more of them as the
            # year goes on), a few late, rarely past the legal term. Statuses are spread
            # between the start and the end (or now, for a zaak still open).
            norm_days = max(1, zaaktype.servicenorm_werkdagen)
            t = 1 - min((self.today - start).days, 364) / 364
            if rng.random() < _trend(_ZAAK_ON_TIME, t):
                duration = max(0, round(norm_days * rng.uniform(0.25, 1.0)))
            else:
                over = max(zaaktype.doorlooptijd_werkdagen, norm_days + 1) - norm_days
                duration = norm_days + max(1, round(over * rng.uniform(0.05, 1.1)))
            end = self._add_working_days(start, duration)
            closed = end <= self.today
            start_moment = dt.datetime.combine(start, dt.time(9, 0), tzinfo=AMS)
            if closed:
                end_moment = min(
                    dt.datetime.combine(end, dt.time(15, 0), tzinfo=AMS), max(now, start_moment)
                )
                steps = len(statustypen)
            else:
                total = max(1, (end - start).days)
                done = (self.today - start).days / total
                steps = max(1, min(len(statustypen) - 1, 1 + int(done * (len(statustypen) - 1))))
                end_moment = max(start_moment, now - dt.timedelta(hours=rng.randint(1, 48)))
            span = (end_moment - start_moment) / max(1, steps - 1)
            timeline = [
                (statustype, start_moment + span * k)
                for k, statustype in enumerate(statustypen[:steps])
            ]
            moment = timeline[-1][1]
            behandelaars = (
                self.backoffice_by_team.get(zaaktype.team.slug)
                if zaaktype.team is not None
                else None
            ) or []
            zaak_uuid = uuid.UUID(int=rng.getrandbits(128), version=4)
            behandelaar_id = (
                rng.choice(behandelaars) if behandelaars and rng.random() < 0.8 else None
            )
            pk = first_pk + index
            for statustype, status_moment in timeline:
                statussen.append((status_pk, pk, statustype.pk, status_moment))
                status_pk += 1
            zaken.append(
                (
                    pk,
                    zaak_uuid,
                    # Numbered from the primary key, as zaak_create does.
                    f"ZAAK-{start.year}-{pk:07d}",
                    zaaktype.pk,
                    zaaktype.omschrijving,
                    partij_id,
                    contact_id,
                    zaaktype.team_id,
                    behandelaar_id,
                    start,
                    planned,
                    latest,
                    min(moment.astimezone(AMS).date(), self.today) if closed else None,
                    # The current status is the last one set (the constraint waits for the
                    # statuses until the commit).
                    status_pk - 1,
                )
            )
        insert_rows(Zaak, _ZAAK_COLUMNS, zaken)
        insert_rows(Status, _STATUS_COLUMNS, statussen)
        summary.statuses += len(statussen)
        made += size
        bar.update(size)
    bar.close()
    pk_sequences_reset([Zaak, Status])
    summary.cases = made
