from django.urls import path, re_path

from loket.insights import views, views_digitaal, views_tevredenheid

app_name = "insights"

urlpatterns = [
    path("", views.home, name="home"),
    path("contactredenen/", views.contactredenen, name="contactredenen"),
    path("klantreizen/", views.klantreizen, name="klantreizen"),
    path("personeelsplanning/", views.personeelsplanning, name="personeelsplanning"),
    path("maandrapport/", views.maandrapport, name="maandrapport"),
    path("kanaalsturing/", views.kanaalsturing, name="kanaalsturing"),
    path("benchmark/", views.benchmark, name="benchmark"),
    path("tevredenheid/", views_tevredenheid.tevredenheid_resultaten, name="tevredenheid"),
    path("digitaal/", views_digitaal.digitaal, name="digitaal"),
    re_path(
        r"^digitaal/export/(?P<tabel>[a-z0-9-]+)\.(?P<formaat>csv|xlsx)$",
        views_digitaal.digitaal_export,
        name="digitaal_export",
    ),
    re_path(
        r"^benchmark/export\.(?P<formaat>json|csv)$",
        views.benchmark_export,
        name="benchmark_export",
    ),
    re_path(
        r"^export/(?P<pagina>[a-z]+)/(?P<tabel>[a-z0-9-]+)\.(?P<formaat>csv|xlsx)$",
        views.export,
        name="export",
    ),
]
