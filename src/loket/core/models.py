import uuid

from django.conf import settings
from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _


class TimeStampedModel(models.Model):
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    updated_at = models.DateTimeField(_("gewijzigd op"), auto_now=True)

    class Meta:
        abstract = True


class UUIDModel(models.Model):
    """A public, stable identifier (the `uuid` of the VNG APIs) beside the internal primary key."""

    uuid = models.UUIDField(_("UUID"), default=uuid.uuid4, unique=True, editable=False)

    class Meta:
        abstract = True


class AuditAction(models.TextChoices):
    READ = "read", _("Inzien")
    CREATE = "create", _("Aanmaken")
    UPDATE = "update", _("Wijzigen")
    DELETE = "delete", _("Verwijderen")
    EXPORT = "export", _("Exporteren")
    LOCKOUT = "lockout", _("Inloggen geblokkeerd")


class Verwerkingsactiviteit(models.Model):
    """An entry of the register of processing activities (AVG art. 30) that each audit entry
    refers to (`dpl.core.processing_activity_id` of Logius' Logboek Dataverwerkingen).
    Beheerders maintain it; the code is fixed once created, because the log refers to it."""

    code = models.SlugField(_("code"), max_length=60, unique=True)
    naam = models.CharField(_("naam"), max_length=150)
    doel = models.TextField(_("doel"))
    rechtsgrond = models.CharField(
        _("rechtsgrond"),
        max_length=255,
        help_text=_("De grondslag uit AVG artikel 6 en de wet waarop de verwerking steunt."),
    )
    bewaartermijn = models.CharField(_("bewaartermijn"), max_length=255)
    is_actief = models.BooleanField(_("actief"), default=True)
    gewijzigd_op = models.DateTimeField(_("gewijzigd op"), auto_now=True)

    class Meta:
        verbose_name = _("verwerkingsactiviteit")
        verbose_name_plural = _("verwerkingsactiviteiten")
        ordering = ["naam"]

    def __str__(self) -> str:
        return self.naam


class AuditStatus(models.TextChoices):
    """The `status_code` of the Logboek Dataverwerkingen."""

    UNSET = "unset", _("Niet gezet")
    OK = "ok", _("Geslaagd")
    ERROR = "error", _("Fout")


class AuditEntry(models.Model):
    """Append-only record of who read or changed whose personal data, when and why; with the
    processing activity, the data subject and the trace of Logius' Logboek Dataverwerkingen
    (docs/verwerkingslog.md)."""

    occurred_at = models.DateTimeField(_("tijdstip"), auto_now_add=True, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("medewerker"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="audit_entries",
    )
    actor_label = models.CharField(
        _("actor"), max_length=150, help_text=_("Gebruikersnaam, API-token of systeemproces.")
    )
    action = models.CharField(_("handeling"), max_length=10, choices=AuditAction.choices)
    object_type = models.CharField(_("soort gegeven"), max_length=60)
    object_id = models.CharField(_("kenmerk"), max_length=64)
    object_label = models.CharField(_("omschrijving"), max_length=200, blank=True)
    purpose = models.CharField(_("doel"), max_length=255)
    detail = models.JSONField(_("details"), default=dict, blank=True)
    # Logboek Dataverwerkingen (issue 18). Entries written before these fields are empty.
    activity = models.ForeignKey(
        Verwerkingsactiviteit,
        verbose_name=_("verwerkingsactiviteit"),
        to_field="code",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    data_subject_id = models.CharField(_("betrokkene"), max_length=64, blank=True, db_default="")
    data_subject_type = models.CharField(
        _("soort kenmerk betrokkene"), max_length=20, blank=True, db_default=""
    )
    trace_id = models.CharField(_("trace-id"), max_length=32, blank=True, db_default="")
    span_id = models.CharField(_("span-id"), max_length=16, blank=True, db_default="")
    parent_span_id = models.CharField(
        _("span-id van het verzoek"), max_length=16, blank=True, db_default=""
    )
    status = models.CharField(
        _("status"),
        max_length=5,
        choices=AuditStatus.choices,
        default=AuditStatus.UNSET,
        db_default=AuditStatus.UNSET,
    )

    class Meta:
        verbose_name = _("auditregel")
        verbose_name_plural = _("auditlog")
        ordering = ["-occurred_at", "-id"]
        indexes = [
            models.Index(fields=["object_type", "object_id", "-occurred_at"]),
            # The employee filter of the audit log (issue 16): one medewerker's reads by date.
            models.Index(fields=["user", "-occurred_at"], name="core_audit_user_occurred_idx"),
            # The processing log of one data subject (the export, an inzageverzoek).
            models.Index(
                fields=["data_subject_type", "data_subject_id", "-occurred_at"],
                name="core_audit_subject_idx",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.occurred_at:%Y-%m-%d %H:%M} {self.actor_label} {self.action} {self.object_type} {self.object_id}"

    @property
    def medewerker_naam(self) -> str:
        """The person who acted (full name), or the token or process."""
        if self.user_id and self.user is not None:
            return self.user.get_full_name() or self.user.get_username()
        return self.actor_label

    @property
    def gegevens(self) -> str:
        """What was read or changed ("persoon, klantcontacten, zaken"), from the detail."""
        value = (self.detail or {}).get("gegevens", "")
        return ", ".join(value) if isinstance(value, list) else str(value)


class KanaalSoort(models.TextChoices):
    """Click-Call-Face grouping of channels for steering and insight."""

    CLICK = "click", _("Online (click)")
    CALL = "call", _("Telefonisch (call)")
    FACE = "face", _("Balie (face)")
    EMAIL = "email", _("E-mail")
    OTHER = "overig", _("Overig")


class Kanaal(models.Model):
    """A contact channel from a managed list, so "E-mail" and "email" can never be two channels."""

    code = models.SlugField(_("code"), max_length=30, unique=True)
    naam = models.CharField(_("naam"), max_length=50)
    soort = models.CharField(_("soort"), max_length=10, choices=KanaalSoort.choices)
    is_actief = models.BooleanField(_("actief"), default=True)
    volgorde = models.PositiveSmallIntegerField(_("volgorde"), default=0)

    class Meta:
        verbose_name = _("kanaal")
        verbose_name_plural = _("kanalen")
        ordering = ["volgorde", "naam"]
        constraints = [models.UniqueConstraint(Lower("naam"), name="unique_kanaal_naam_ci")]

    def __str__(self) -> str:
        return self.naam


class Planning(models.Model):
    """A daily job of the worker (core.jobs) that ran, or was queued, on a day: it runs once per
    day even when several workers on several machines keep the schedule. The table kept its
    name from the proactive app, where the daily signal scan was the first such job."""

    taak = models.CharField(_("taak"), max_length=60)
    datum = models.DateField(_("datum"))
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)

    class Meta:
        db_table = "proactive_planning"
        verbose_name = _("geplande taak")
        verbose_name_plural = _("geplande taken")
        constraints = [
            models.UniqueConstraint(fields=["taak", "datum"], name="unique_planning_per_dag")
        ]

    def __str__(self) -> str:
        return f"{self.taak} {self.datum}"
