from django.contrib import admin
from django.urls import include, path

from loket.core import views as core_views

admin.site.site_header = "Loket beheer"
admin.site.site_title = "Loket"
admin.site.index_title = "Beheer"

urlpatterns = [
    path("", core_views.start, name="start"),
    path("medewerker/", include("loket.accounts.urls")),
    path("beheer/", include("loket.core.urls")),
    path("kcc/", include("loket.kcc.urls")),
    path("zoeken/", include("loket.knowledge.portal_urls")),
    path("backoffice/", include("loket.backoffice.urls")),
    path("kennis/", include("loket.knowledge.urls")),
    path("inzicht/", include("loket.insights.urls")),
    path("training/", include("loket.training.urls")),
    path("proactief/", include("loket.proactive.urls")),
    path("admin/", admin.site.urls),
    path("api/v1/", include("loket.api.urls")),
    path("gezond/", core_views.health, name="health"),
    path("meldingen/", include("loket.cases.portal_urls")),
    path("open311/v2/", include("loket.cases.open311_urls")),
    path("tevredenheid/", include("loket.insights.survey_urls")),
    path("formulieren/", include("loket.selfservice.urls")),
    # The citizen portal (home, product pages, life events, Mijn Loket, login) last: it owns "/".
    path("", include("loket.portal.urls")),
]
