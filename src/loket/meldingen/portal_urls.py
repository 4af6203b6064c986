from django.urls import path

from loket.meldingen import portal_views

app_name = "meldingen"

urlpatterns = [
    path("", portal_views.melding_form, name="nieuw"),
    path("ontvangen/<uuid:uuid>/", portal_views.melding_ontvangen, name="ontvangen"),
]
