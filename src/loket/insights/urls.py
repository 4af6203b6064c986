from django.urls import path, re_path

from loket.insights import views

app_name = "insights"

urlpatterns = [
    path("", views.home, name="home"),
    path("contactredenen/", views.contactredenen, name="contactredenen"),
    path("klantreizen/", views.klantreizen, name="klantreizen"),
    path("personeelsplanning/", views.personeelsplanning, name="personeelsplanning"),
    path("maandrapport/", views.maandrapport, name="maandrapport"),
    re_path(
        r"^export/(?P<pagina>[a-z]+)/(?P<tabel>[a-z0-9-]+)\.(?P<formaat>csv|xlsx)$",
        views.export,
        name="export",
    ),
]
