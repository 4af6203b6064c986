from django.urls import path

from loket.selfservice import views, views_face

app_name = "selfservice"

# Included at the site root (one namespace for forms, appointments and the counter queue).
urlpatterns = [
    path("formulieren/", views.formulier_list, name="index"),
    path("formulieren/hervatten/<str:token>/", views.formulier_hervatten, name="hervatten"),
    path("formulieren/inzending/<uuid:uuid>/", views.inzending_detail, name="inzending"),
    path("formulieren/<slug:slug>/", views.formulier_start, name="formulier"),
    path("formulieren/<slug:slug>/<str:token>/stap/<int:stap>/", views.formulier_stap, name="stap"),
    path(
        "formulieren/<slug:slug>/<str:token>/controleren/",
        views.formulier_controle,
        name="controle",
    ),
    path(
        "formulieren/<slug:slug>/<str:token>/opgeslagen/",
        views.formulier_opgeslagen,
        name="opgeslagen",
    ),
    # Face: appointments (citizens) ...
    path("afspraken/<uuid:product>/", views_face.afspraak_maken, name="afspraak_maken"),
    path("afspraken/beheren/<str:token>/", views_face.afspraak_beheren, name="afspraak"),
    # ... and the counter queue: the kiosk and ticket (visitors), the overview (staff).
    path("balie/", views_face.balie_list, name="balie_list"),
    path("balie/ticket/<str:token>/", views_face.ticket, name="ticket"),
    path("balie/<slug:locatie>/", views_face.balie_overzicht, name="balie"),
    path("balie/<slug:locatie>/kiosk/", views_face.kiosk, name="kiosk"),
]
