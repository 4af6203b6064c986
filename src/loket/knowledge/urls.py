from django.urls import path

from loket.knowledge import views

app_name = "knowledge"

urlpatterns = [
    path("", views.home, name="home"),
    path("nieuws/<int:pk>/gelezen/", views.nieuws_gelezen, name="nieuws_gelezen"),
    path("artikel/<slug:slug>/", views.artikel_detail, name="artikel"),
    path("artikel/<slug:slug>/feedback/", views.artikel_feedback, name="artikel_feedback"),
    path("redactie/", views.redactie, name="redactie"),
    path("redactie/nieuw/", views.artikel_nieuw, name="artikel_nieuw"),
    path("redactie/artikel/<slug:slug>/", views.artikel_bewerken, name="artikel_bewerken"),
    path("redactie/artikel/<slug:slug>/voorbeeld/", views.artikel_voorbeeld, name="voorbeeld"),
    path("redactie/artikel/<slug:slug>/publiceren/", views.artikel_publiceren, name="publiceren"),
    path("redactie/artikel/<slug:slug>/archiveren/", views.artikel_archiveren, name="archiveren"),
    path("redactie/artikel/<slug:slug>/aanbieden/", views.artikel_aanbieden, name="aanbieden"),
    path(
        "redactie/artikel/<slug:slug>/terugsturen/",
        views.artikel_terugsturen,
        name="terugsturen",
    ),
    path(
        "redactie/artikel/<slug:slug>/versie/<int:nummer>/verschil/",
        views.versie_verschil,
        name="versie_verschil",
    ),
    path("redactie/producten/", views.producten_zoeken, name="producten_zoeken"),
    path("redactie/feedback/", views.feedback, name="feedback"),
    path("redactie/feedback/<int:pk>/", views.feedback_afhandelen, name="feedback_afhandelen"),
    path("redactie/zoeklog/", views.zoeklog, name="zoeklog"),
    path("redactie/geleerd/", views.geleerd, name="geleerd"),
    path("redactie/geleerd/afwijzen/", views.geleerd_afwijzen, name="geleerd_afwijzen"),
    path("redactie/synoniemen/", views.synoniemen, name="synoniemen"),
    path("redactie/synoniemen/<int:pk>/uit/", views.synoniem_uitzetten, name="synoniem_uitzetten"),
    path("redactie/nieuws/", views.nieuws, name="nieuws"),
    path("redactie/werkinstructies/", views.werkinstructies, name="werkinstructies"),
    path("redactie/werkinstructies/nieuw/", views.werkinstructie_form, name="werkinstructie_nieuw"),
    path(
        "redactie/werkinstructies/<int:pk>/",
        views.werkinstructie_form,
        name="werkinstructie_bewerken",
    ),
]
