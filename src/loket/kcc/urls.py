from django.urls import path

from loket.kcc import adres_views, chat_views, kennis_views, views

app_name = "kcc"

urlpatterns = [
    path("", views.home, name="home"),
    path("werkplek/", views.werkplek, name="werkplek"),
    path("brp-overnemen/", views.persoon_overnemen, name="persoon_overnemen"),
    path("partij/<uuid:uuid>/", views.klantbeeld, name="klantbeeld"),
    path(
        "partij/<uuid:uuid>/tijdlijn/<slug:soort>/<int:pk>/",
        views.klantbeeld_item,
        name="klantbeeld_item",
    ),
    path("partij/<uuid:uuid>/adres/", adres_views.adres_toevoegen, name="adres_toevoegen"),
    path(
        "partij/<uuid:uuid>/adres/<int:pk>/geverifieerd/",
        adres_views.adres_geverifieerd,
        name="adres_geverifieerd",
    ),
    path(
        "partij/<uuid:uuid>/adres/<int:pk>/voorkeur/",
        adres_views.adres_voorkeur,
        name="adres_voorkeur",
    ),
    path(
        "partij/<uuid:uuid>/voorkeurskanaal/", adres_views.voorkeurskanaal, name="voorkeurskanaal"
    ),
    path("contact/nieuw/", views.contact_nieuw, name="contact_nieuw"),
    path("contact/<uuid:key>/", views.contact, name="contact"),
    path("contact/<uuid:key>/concept/", views.contact_concept, name="contact_concept"),
    path("contact/<uuid:key>/annuleren/", views.contact_annuleren, name="contact_annuleren"),
    path("contact/<uuid:key>/klant/", views.contact_klant, name="contact_klant"),
    path("producten/", views.product_opties, name="product_opties"),
    path("telefoon/", views.telefoon, name="telefoon"),
    path("chats/", chat_views.wachtrij, name="chats"),
    path("chats/teller/", chat_views.teller, name="chat_teller"),
    path("chats/<uuid:uuid>/", chat_views.gesprek, name="chat"),
    path("chats/<uuid:uuid>/oppakken/", chat_views.oppakken, name="chat_oppakken"),
    path("chats/<uuid:uuid>/wachten/", chat_views.wachten, name="chat_wachten"),
    path("chats/<uuid:uuid>/bericht/", chat_views.bericht, name="chat_bericht"),
    path("chats/<uuid:uuid>/klant/", chat_views.klant, name="chat_klant"),
    path("chats/<uuid:uuid>/afsluiten/", chat_views.afsluiten, name="chat_afsluiten"),
    path("telefoon/<str:gesprek_id>/openen/", views.telefoon_openen, name="telefoon_openen"),
    path("kennis/", kennis_views.kennis_paneel, name="kennis_paneel"),
    path("kennis/voorstel/", kennis_views.kennis_voorstel, name="kennis_voorstel"),
    path("kennis/<int:versie>/email/", kennis_views.kennis_email, name="kennis_email"),
    path("verzoek-deadline/", kennis_views.verzoek_deadline, name="verzoek_deadline"),
    path("doorverwijzingen/", kennis_views.doorverwijzingen, name="doorverwijzingen"),
]
