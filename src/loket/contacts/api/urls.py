from django.urls import path

from loket.contacts.api.views import (
    InterneTaakDetailView,
    InterneTaakListView,
    KlantcontactDetailView,
    KlantcontactListView,
)

urlpatterns = [
    path("klantcontacten/", KlantcontactListView.as_view(), name="api-klantcontact-list"),
    path(
        "klantcontacten/<str:uuid>/",
        KlantcontactDetailView.as_view(),
        name="api-klantcontact-detail",
    ),
    path("interne-taken/", InterneTaakListView.as_view(), name="api-internetaak-list"),
    path(
        "interne-taken/<str:kenmerk>/",
        InterneTaakDetailView.as_view(),
        name="api-internetaak-detail",
    ),
]
