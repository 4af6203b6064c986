from django.urls import path

from loket.kwaliteit import views

app_name = "kwaliteit"

urlpatterns = [
    path("", views.wachtrij, name="wachtrij"),
    path("beoordeling/<int:pk>/", views.beoordeling, name="beoordeling"),
    path("beoordeling/<int:pk>/kalibreren/", views.kalibreren, name="kalibreren"),
    path("beoordeling/<int:pk>/oefenscenario/", views.oefenscenario, name="oefenscenario"),
    path("kalibratie/", views.kalibratie, name="kalibratie"),
    path("dashboard/", views.dashboard, name="dashboard"),
    path("mijn/", views.mijn_kwaliteit, name="mijn"),
]
