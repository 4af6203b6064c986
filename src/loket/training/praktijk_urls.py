from django.urls import path

from loket.training import praktijk_views

app_name = "praktijk"

urlpatterns = [
    path("<int:pk>/", praktijk_views.onderwerp, name="onderwerp"),
]
