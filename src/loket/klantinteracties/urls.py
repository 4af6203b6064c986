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
# Each with the scope of the Loket data it is nearest to (a token is checked before the 405).
NOT_OFFERED = {
    "actorklantcontacten": "klantcontacten",
    "bijlagen": "klantcontacten",
    "categorie-relaties": "partijen",
    "categorieen": "partijen",
    "rekeningnummers": "partijen",
    "vertegenwoordigingen": "partijen",
}

urlpatterns = [
    path("maak-klantcontact", MaakKlantcontactView.as_view(), name="maak-klantcontact"),
]
for resource, (list_view, detail_view) in OFFERED.items():
    urlpatterns += [
        path(resource, list_view.as_view(), name=f"{resource}-list"),
        path(f"{resource}/<str:uuid>", detail_view.as_view(), name=f"{resource}-detail"),
    ]
for resource, scope in NOT_OFFERED.items():
    view = NotOfferedView.as_view(scope=scope)
    urlpatterns += [
        path(resource, view, name=f"{resource}-list"),
        path(f"{resource}/<str:uuid>", view, name=f"{resource}-detail"),
    ]
