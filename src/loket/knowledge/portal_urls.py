from django.urls import path

from loket.knowledge import portal

app_name = "portaal"

urlpatterns = [
    path("", portal.zoeken, name="zoeken"),
    path("antwoord/<slug:slug>/", portal.antwoord, name="antwoord"),
    path("product/<uuid:uuid>/", portal.product, name="product"),
]
