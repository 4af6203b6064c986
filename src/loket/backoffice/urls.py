from django.urls import path

from loket.backoffice import views

app_name = "backoffice"

urlpatterns = [
    path("", views.home, name="home"),
    path("werkvoorraad/", views.werkvoorraad, name="werkvoorraad"),
    path("verzoek/<int:pk>/", views.detail, name="detail"),
    path("verzoek/<int:pk>/toewijzen/", views.assign_to_me, name="assign_to_me"),
    path("verzoek/<int:pk>/toewijzen-aan/", views.assign, name="assign"),
    path("verzoek/<int:pk>/doorsturen/", views.forward, name="forward"),
    path("verzoek/<int:pk>/terugbelpoging/", views.attempt, name="attempt"),
    path("verzoek/<int:pk>/afsluiten/", views.close, name="close"),
    path("verzoek/<int:pk>/heropenen/", views.reopen, name="reopen"),
]
