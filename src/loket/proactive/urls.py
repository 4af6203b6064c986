from django.urls import path

from loket.proactive import views

app_name = "proactive"

urlpatterns = [
    path("", views.outbox, name="outbox"),
    path("berichten/<uuid:uuid>/opnieuw/", views.bericht_opnieuw, name="bericht_opnieuw"),
    path("regels/", views.regels, name="regels"),
    path("regels/nieuw/", views.regel_nieuw, name="regel_nieuw"),
    path("regels/<int:pk>/", views.regel_wijzigen, name="regel_wijzigen"),
    path("signalen/<int:pk>/aangeboden/", views.signaal_aangeboden, name="signaal_aangeboden"),
]
