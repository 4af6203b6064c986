from django.urls import path

from loket.selfservice import views

app_name = "selfservice"

# Included at the site root together with loket.balie.urls (loket/urls.py): one namespace for
# forms, appointments and the counter queue.
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
]
