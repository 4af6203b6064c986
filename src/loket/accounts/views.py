from __future__ import annotations

from dataclasses import dataclass, field

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _

from loket.accounts.constants import Role
from loket.accounts.forms import LoginForm
from loket.accounts.logout import logout_warnings
from loket.accounts.permissions import (
    MANAGE_API_TOKENS,
    MANAGE_CATALOGUE,
    MANAGE_PROACTIVE_RULES,
    MANAGE_REFERENCE_DATA,
    VIEW_AUDIT_LOG,
    VIEW_INSIGHTS,
)
from loket.accounts.selectors import user_home_url
from loket.core.widgets import TEXTBOX

LOGIN_ERROR_ID = "inloggen-fouten"


def show_demo_logins() -> bool:
    """The demo hint on the login page: on in development, or when the demo is served."""
    return bool(settings.LOKET_SHOW_DEMO_LOGINS)


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True

    def get_default_redirect_url(self):
        return user_home_url(user=self.request.user)

    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        for bound_field in form:
            widget = bound_field.field.widget
            widget.attrs["class"] = f"{widget.attrs.get('class', '')} {TEXTBOX}".strip()
        return form

    def form_invalid(self, form):
        # A failed login is a form-wide error: point both fields at the summary above the form,
        # next to any error of their own, so a screen reader reads why the field is wrong.
        if form.non_field_errors():
            for bound_field in form:
                widget = bound_field.field.widget
                described_by = [LOGIN_ERROR_ID]
                if bound_field.errors:
                    described_by.append(f"{bound_field.auto_id}_error")
                widget.attrs["aria-describedby"] = " ".join(described_by)
                widget.attrs["aria-invalid"] = "true"
        return super().form_invalid(form)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["show_demo_logins"] = show_demo_logins()
        context["login_error_id"] = LOGIN_ERROR_ID
        return context


class LogoutView(auth_views.LogoutView):
    next_page = "start"

    def post(self, request, *args, **kwargs):
        user = request.user
        if user.is_authenticated and request.POST.get("bevestigd") != "ja":
            # Work left open (the KCC's open contacts): say so and ask first.
            warnings = logout_warnings(user=user)
            if warnings:
                return render(request, "accounts/uitloggen.html", {"warnings": warnings})
        response = super().post(request, *args, **kwargs)
        messages.success(request, _("U bent uitgelogd."))
        return response


@dataclass
class RoleLink:
    label: str
    url: str | None = None  # None: not built yet, shown as "binnenkort"
    note: str = ""


@dataclass
class RoleSection:
    role: str
    title: str
    text: str
    links: list[RoleLink] = field(default_factory=list)


def _url(name: str) -> str | None:
    """The URL of a page, or None while that part of Loket is not built ("binnenkort")."""
    try:
        return reverse(name)
    except NoReverseMatch:
        return None


def _admin_url(user) -> str | None:
    return reverse("admin:index") if user.is_staff else None


def role_sections(*, user) -> list[RoleSection]:
    """What each of the user's roles does in Loket, with the links that work today."""
    sections = []
    roles = user.roles
    if Role.KCC in roles:
        sections.append(
            RoleSection(
                role=Role.KCC,
                title=_("KCC-medewerker"),
                text=_(
                    "U beantwoordt vragen van inwoners en ondernemers aan de telefoon, de balie,"
                    " per e-mail en in de chat, en legt elk klantcontact vast."
                ),
                links=[
                    RoleLink(_("Klant zoeken en klantcontact registreren"), _url("kcc:home")),
                    RoleLink(_("Kennisbank raadplegen"), _url("knowledge:home")),
                    RoleLink(
                        _("Melding openbare ruimte registreren"), _url("backoffice:melding_nieuw")
                    ),
                    RoleLink(_("Balie en wachtrij"), _url("selfservice:balie_list")),
                    RoleLink(
                        _("Oefenen in de KCC-simulatie en kennistoets"), _url("training:home")
                    ),
                ],
            )
        )
    if Role.BACKOFFICE in roles:
        sections.append(
            RoleSection(
                role=Role.BACKOFFICE,
                title=_("Backoffice-medewerker"),
                text=_(
                    "U behandelt zaken en contactverzoeken die het KCC aan uw team doorzet,"
                    " binnen de servicenorm van het product."
                ),
                links=[
                    RoleLink(_("Contactverzoeken van uw team"), _url("backoffice:home")),
                    RoleLink(_("Zaken van uw team"), _url("backoffice:zaken")),
                    RoleLink(
                        _("Meldingen openbare ruimte en triage"), _url("backoffice:meldingen")
                    ),
                ],
            )
        )
    if Role.TEAMLEIDER in roles:
        sections.append(
            RoleSection(
                role=Role.TEAMLEIDER,
                title=_("Teamleider"),
                text=_(
                    "U verdeelt het werk in uw team en volgt met stuurinformatie hoe de"
                    " dienstverlening loopt: bereikbaarheid, doorlooptijden en contactredenen."
                ),
                links=[
                    RoleLink(_("Werkvoorraad van uw teams"), _url("backoffice:werkvoorraad")),
                    RoleLink(_("Werk verdelen"), _url("backoffice:zaken")),
                    RoleLink(_("Stuurinformatie"), _url("insights:home")),
                    RoleLink(
                        _("Personeelsplanning (Erlang C)"), _url("insights:personeelsplanning")
                    ),
                    RoleLink(_("Trainingsresultaten van uw team"), _url("training:team")),
                    RoleLink(_("Balie en wachtrij"), _url("selfservice:balie_list")),
                ],
            )
        )
    if Role.REDACTEUR in roles:
        sections.append(
            RoleSection(
                role=Role.REDACTEUR,
                title=_("Redacteur"),
                text=_(
                    "U houdt de kennisbank en de productencatalogus actueel, zodat elk kanaal"
                    " hetzelfde antwoord geeft."
                ),
                links=[
                    RoleLink(_("Kennisartikelen beheren"), _url("knowledge:redactie")),
                    RoleLink(
                        _("Producten, dienstverleningsformules en levensgebeurtenissen"),
                        _url("catalogusbeheer:index"),
                    ),
                ],
            )
        )
    if Role.BEHEERDER in roles:
        links = []
        if user.has_perm(VIEW_AUDIT_LOG):
            links.append(RoleLink(_("Auditlog"), reverse("beheer:audit_log")))
        if user.has_perm(MANAGE_REFERENCE_DATA):
            links.append(RoleLink(_("Gegevensbeheer"), _admin_url(user)))
        if user.has_perm(VIEW_INSIGHTS):
            links.append(RoleLink(_("Stuurinformatie en normen"), _url("insights:home")))
        if user.has_perm(MANAGE_PROACTIVE_RULES):
            links.append(RoleLink(_("Proactieve regels"), _url("proactive:regels")))
            links.append(RoleLink(_("Berichten (outbox)"), _url("proactive:outbox")))
        if user.has_perm(MANAGE_CATALOGUE):
            links.append(RoleLink(_("Productencatalogus"), _url("catalogusbeheer:index")))
        if user.has_perm(MANAGE_API_TOKENS):
            links.append(
                RoleLink(
                    _("API-tokens"),
                    _admin_url(user),
                    note=_("via gegevensbeheer") if user.is_staff else "",
                )
            )
        sections.append(
            RoleSection(
                role=Role.BEHEERDER,
                title=_("Beheerder"),
                text=_(
                    "U beheert medewerkers, teams, kanalen en contactredenen, geeft systemen"
                    " toegang tot de API en controleert wie welke persoonsgegevens heeft ingezien."
                ),
                links=links,
            )
        )
    return sections


@login_required
def home(request):
    """The staff start page: what each of the user's roles can do here.

    After logging in a medewerker lands on the start page of their first role (see
    `user_home_url`); this page is the overview of all their roles and is always reachable.
    """
    return render(request, "accounts/home.html", {"sections": role_sections(user=request.user)})
