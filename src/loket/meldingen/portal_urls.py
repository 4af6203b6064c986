from django.urls import path

from loket.meldingen import portal_views

app_name = "meldingen"

urlpatterns = [
    path("", portal_views.melding_form, name="nieuw"),
    path("controle/", portal_views.melding_controle, name="controle"),
    path("plekken/", portal_views.plek_zoeken, name="plekken"),
    path("adres-bij-punt/", portal_views.adres_bij_punt, name="adres_bij_punt"),
    path("kaart.geojson", portal_views.kaart, name="kaart"),
    path("volgen/<uuid:uuid>/", portal_views.melding_volgen, name="volgen"),
    path("gevolgd/<uuid:uuid>/", portal_views.melding_gevolgd, name="gevolgd"),
    path("ontvangen/<uuid:uuid>/", portal_views.melding_ontvangen, name="ontvangen"),
]
