"""/klantinteracties/api/v1/: every path of the Klantinteracties API 0.9.0. Loket's resources
answer what docs/api/klantinteracties-afwijkingen.md lists; every other operation answers 405."""

from django.urls import path

from loket.klantinteracties import views
from loket.klantinteracties.common import NotOfferedView
from loket.klantinteracties.write_views import (
    BetrokkeneListView,
    InterneTaakDetailView,
    InterneTaakListView,
    KlantcontactListView,
    MaakKlantcontactView,
)

app_name = "klantinteracties"

OFFERED = {
    "partijen": (views.PartijListView, views.PartijDetailView),
    "partij-identificatoren": (
        views.PartijIdentificatorListView,
        views.PartijIdentificatorDetailView,
    ),
    "digitaleadressen": (views.DigitaalAdresListView, views.DigitaalAdresDetailView),
    "klantcontacten": (KlantcontactListView, views.KlantcontactDetailView),
    "betrokkenen": (BetrokkeneListView, views.BetrokkeneDetailView),
    "onderwerpobjecten": (views.OnderwerpobjectListView, views.OnderwerpobjectDetailView),
    "internetaken": (InterneTaakListView, InterneTaakDetailView),
    "actoren": (views.ActorListView, views.ActorDetailView),
}
NOT_OFFERED = [
    "actorklantcontacten",
    "bijlagen",
    "categorie-relaties",
    "categorieen",
    "rekeningnummers",
    "vertegenwoordigingen",
]

urlpatterns = [
    path("maak-klantcontact", MaakKlantcontactView.as_view(), name="maak-klantcontact"),
]
for resource, (list_view, detail_view) in OFFERED.items():
    urlpatterns += [
        path(resource, list_view.as_view(), name=f"{resource}-list"),
        path(f"{resource}/<str:uuid>", detail_view.as_view(), name=f"{resource}-detail"),
    ]
for resource in NOT_OFFERED:
    urlpatterns += [
        path(resource, NotOfferedView.as_view(), name=f"{resource}-list"),
        path(f"{resource}/<str:uuid>", NotOfferedView.as_view(), name=f"{resource}-detail"),
    ]
