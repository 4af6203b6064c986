from django.urls import path

from loket.catalogue.api.views import ProductDetailView, ProductListView

app_name = "producten"

urlpatterns = [
    path("", ProductListView.as_view(), name="list"),
    path("<uuid:uuid>/", ProductDetailView.as_view(), name="detail"),
]
