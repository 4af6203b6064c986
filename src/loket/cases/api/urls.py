from django.urls import path

from loket.cases.api.views import StatusListView, ZaakDetailView, ZaakListView

urlpatterns = [
    path("zaken/", ZaakListView.as_view(), name="api-zaak-list"),
    path("zaken/<str:uuid>/", ZaakDetailView.as_view(), name="api-zaak-detail"),
    path("statussen/", StatusListView.as_view(), name="api-status-list"),
]
