from django.urls import path

from loket.insights import views

app_name = "survey"

urlpatterns = [
    path("<str:token>/", views.tevredenheid, name="form"),
]
