from django.urls import path

from loket.kcc import views

app_name = "kcc"

urlpatterns = [
    path("", views.home, name="home"),
    path("brp-overnemen/", views.persoon_overnemen, name="persoon_overnemen"),
    path("partij/<uuid:uuid>/", views.klantbeeld, name="klantbeeld"),
    path("contact/nieuw/", views.contact_nieuw, name="contact_nieuw"),
    path("producten/", views.product_opties, name="product_opties"),
]
