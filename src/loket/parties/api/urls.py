from django.urls import path

from loket.parties.api.views import PartijDetailView, PartijListView

urlpatterns = [
    path("partijen/", PartijListView.as_view(), name="api-partij-list"),
    path("partijen/<str:uuid>/", PartijDetailView.as_view(), name="api-partij-detail"),
]
