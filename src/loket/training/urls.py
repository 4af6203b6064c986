from django.urls import path

from loket.training import views

app_name = "training"

urlpatterns = [
    path("", views.home, name="home"),
    path("scenario/<slug:slug>/start/", views.start, name="start"),
    path("sessie/<uuid:uuid>/", views.sessie, name="sessie"),
    path("sessie/<uuid:uuid>/actie/", views.actie, name="actie"),
    path("sessie/<uuid:uuid>/kennis/", views.kennis, name="kennis"),
    path("sessie/<uuid:uuid>/afronden/", views.afronden, name="afronden"),
    path("sessie/<uuid:uuid>/resultaat/", views.resultaat, name="resultaat"),
    path("producten/", views.producten, name="producten"),
    path("kennistoets/", views.toetsen, name="toetsen"),
    path("kennistoets/<uuid:uuid>/", views.toets, name="toets"),
    path("resultaten/", views.mijn_resultaten, name="resultaten"),
    path("team/", views.team, name="team"),
    path("team/kennistoets-items/", views.items, name="items"),
    path("team/medewerker/<int:pk>/", views.medewerker, name="medewerker"),
    path("team/sessie/<uuid:uuid>/", views.team_sessie, name="team_sessie"),
]
