from django.urls import path

from loket.portal import chat_views, views

app_name = "portal"

urlpatterns = [
    path("", views.home, name="home"),
    path("producten/", views.producten, name="producten"),
    path("producten/id/<uuid:uuid>/", views.product_uuid, name="product_uuid"),
    path("producten/<slug:slug>/", views.product, name="product"),
    path("levensgebeurtenissen/", views.levensgebeurtenissen, name="levensgebeurtenissen"),
    path("levensgebeurtenissen/<slug:slug>/", views.levensgebeurtenis, name="levensgebeurtenis"),
    path("feedback/", views.feedback, name="feedback"),
    path("chat/", chat_views.toestand, name="chat"),
    path("chat/starten/", chat_views.starten, name="chat_starten"),
    path("chat/bericht/", chat_views.bericht, name="chat_bericht"),
    path("chat/medewerker/", chat_views.medewerker, name="chat_medewerker"),
    path("chat/geholpen/", chat_views.geholpen, name="chat_geholpen"),
    path("chat/terugbellen/", chat_views.terugbellen, name="chat_terugbellen"),
    path("chat/stoppen/", chat_views.stoppen, name="chat_stoppen"),
    path("chat/wachten/", chat_views.wachten, name="chat_wachten"),
    path("inloggen/", views.inloggen, name="inloggen"),
    path("inloggen/digid-simulator/", views.digid_simulator, name="digid_simulator"),
    path("inloggen/<slug:methode>/", views.inloggen_start, name="inloggen_start"),
    path("inloggen/<slug:methode>/terug/", views.inloggen_terug, name="inloggen_terug"),
    path("uitloggen/", views.uitloggen, name="uitloggen"),
    path("mijn/", views.mijn, name="mijn"),
    path("mijn/zaken/", views.mijn_zaken, name="mijn_zaken"),
    path("mijn/zaken/<uuid:uuid>/", views.mijn_zaak, name="mijn_zaak"),
    path("mijn/zaken/<uuid:uuid>/document/", views.mijn_zaak_document, name="mijn_zaak_document"),
    path("mijn/afspraken/", views.mijn_afspraken, name="mijn_afspraken"),
    path(
        "mijn/afspraken/<uuid:uuid>/afzeggen/",
        views.mijn_afspraak_afzeggen,
        name="mijn_afspraak_afzeggen",
    ),
    path("mijn/meldingen/", views.mijn_meldingen, name="mijn_meldingen"),
    path("mijn/vraag/", views.mijn_vraag, name="mijn_vraag"),
    path("mijn/contacten/", views.mijn_contacten, name="mijn_contacten"),
    path("mijn/berichten/", views.mijn_berichten, name="mijn_berichten"),
    path("mijn/berichten/<uuid:uuid>/", views.mijn_bericht, name="mijn_bericht"),
    path("mijn/inzendingen/", views.mijn_inzendingen, name="mijn_inzendingen"),
    path("mijn/gegevens/", views.mijn_gegevens, name="mijn_gegevens"),
    path("mijn/gegevens/alles/", views.mijn_inzage, name="mijn_inzage"),
]
