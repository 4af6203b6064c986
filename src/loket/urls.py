from django.contrib import admin
from django.urls import include, path

from loket.balie import urls as balie_urls
from loket.catalogue.admin import catalogus_site
from loket.core import views as core_views
from loket.portal import views as portal_views
from loket.selfservice import urls as selfservice_urls

admin.site.site_header = "Loket beheer"
admin.site.site_title = "Loket"
admin.site.index_title = "Beheer"

urlpatterns = [
    # The citizen portal's home is the start page ("start" stays the name every page links to).
    path("", portal_views.home, name="start"),
    path("catalogusbeheer/", catalogus_site.urls),
    path("medewerker/", include("loket.accounts.urls")),
    path("beheer/privacy/", include("loket.backoffice.privacy_urls")),
    path("beheer/", include("loket.core.urls")),
    path("kcc/", include("loket.kcc.urls")),
    path("inbox/", include("loket.inbox.urls")),
    path("zoeken/", include("loket.knowledge.portal_urls")),
    path("backoffice/", include("loket.backoffice.urls")),
    path("kennis/", include("loket.knowledge.urls")),
    path("inzicht/", include("loket.insights.urls")),
    path("kwaliteit/", include("loket.kwaliteit.urls")),
    # Training on the topic of a quality review (issue 20; training/praktijk_views.py).
    path("training/praktijk/", include("loket.training.praktijk_urls")),
    path("training/", include("loket.training.urls")),
    path("proactief/", include("loket.proactive.urls")),
    path("admin/", admin.site.urls),
    path("api/v1/", include("loket.api.urls")),
    # The VNG Klantinteracties API 0.9.0 over Loket's own model (docs/koppelingen.md).
    path("klantinteracties/api/v1/", include("loket.klantinteracties.urls")),
    path("gezond/", core_views.health, name="health"),
    path("meldingen/", include("loket.meldingen.portal_urls")),
    path("open311/v2/", include("loket.meldingen.open311_urls")),
    path("tevredenheid/", include("loket.insights.survey_urls")),
    # /formulieren/, /afspraken/, /balie/: forms (selfservice) and appointments and the counter
    # queue (balie) in one namespace, as when the counter was part of selfservice.
    path(
        "",
        include(
            (selfservice_urls.urlpatterns + balie_urls.urlpatterns, "selfservice"),
            namespace="selfservice",
        ),
    ),
    # The citizen portal (home, product pages, life events, Mijn Loket, login) last: it owns "/".
    path("", include("loket.portal.urls")),
]

# Django's own 400 (suspicious request, body over the limit) in Dutch, JSON for the API.
handler400 = "loket.core.views.bad_request"
