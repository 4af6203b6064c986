from django.urls import path

from loket.inbox import views

app_name = "inbox"

urlpatterns = [
    path("", views.inbox, name="inbox"),
    path("<int:pk>/", views.item, name="item"),
    path("<int:pk>/beantwoorden/", views.beantwoorden, name="beantwoorden"),
    path("<int:pk>/klant/", views.klant_koppelen, name="klant_koppelen"),
    path("bijlage/<int:pk>/", views.bijlage, name="bijlage"),
    path("terugbellen/<int:pk>/", views.terugbellen, name="terugbellen"),
    path("<int:pk>/toewijzen/", views.toewijzen, name="toewijzen"),
]
