from django.urls import path

from loket.backoffice import privacy_views as views

app_name = "privacy"

urlpatterns = [
    path("inzage/", views.inzage, name="inzage"),
    path("wissen/", views.wissen, name="wissen"),
    path("verzoek/", views.verzoek, name="verzoek"),
    path("beperking-opheffen/", views.beperking_opheffen, name="beperking_opheffen"),
    path("wissen/<int:pk>/", views.gewist, name="gewist"),
]
