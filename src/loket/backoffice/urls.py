from django.urls import path

from loket.backoffice import melding_views, views, zaak_views

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
    # zaken and meldingen openbare ruimte (issue 6)
    path("zaken/", zaak_views.zaken, name="zaken"),
    path("zaak/<int:pk>/", zaak_views.zaak, name="zaak"),
    path("zaak/<int:pk>/status/", zaak_views.zaak_status, name="zaak_status"),
    path("zaak/<int:pk>/opschorten/", zaak_views.zaak_suspend, name="zaak_opschorten"),
    path("zaak/<int:pk>/hervatten/", zaak_views.zaak_resume, name="zaak_hervatten"),
    path("zaak/<int:pk>/verlengen/", zaak_views.zaak_extend, name="zaak_verlengen"),
    path("zaak/<int:pk>/notitie/", zaak_views.zaak_note, name="zaak_notitie"),
    path("zaak/<int:pk>/document/", zaak_views.zaak_document, name="zaak_document"),
    path("zaak/<int:pk>/afsluiten/", zaak_views.zaak_close, name="zaak_afsluiten"),
    path("zaak/<int:pk>/heropenen/", zaak_views.zaak_reopen, name="zaak_heropenen"),
    path("zaak/<int:pk>/oppakken/", zaak_views.zaak_take, name="zaak_oppakken"),
    path("zaak/<int:pk>/toewijzen/", zaak_views.zaak_assign, name="zaak_toewijzen"),
    path("meldingen/", melding_views.meldingen, name="meldingen"),
    path("meldingen/triage/", melding_views.triage, name="triage"),
    path("meldingen/nieuw/", melding_views.melding_intake, name="melding_nieuw"),
    path(
        "meldingen/vastgelegd/<uuid:uuid>/",
        melding_views.melding_vastgelegd,
        name="melding_vastgelegd",
    ),
    path("melding/<int:pk>/", melding_views.melding, name="melding"),
    path("melding/<int:pk>/categorie/", melding_views.melding_categorise, name="melding_categorie"),
    path("melding/<int:pk>/status/", melding_views.melding_status, name="melding_status"),
]
