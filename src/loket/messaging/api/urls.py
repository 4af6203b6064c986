from django.urls import path

from loket.messaging.api.views import BerichtDetailView, BerichtListView

urlpatterns = [
    path("berichten/", BerichtListView.as_view(), name="api-bericht-list"),
    path("berichten/<uuid:uuid>/", BerichtDetailView.as_view(), name="api-bericht-detail"),
]
