from django.urls import path

from loket.knowledge.api.views import KennisZoekenView

urlpatterns = [path("kennis/zoeken", KennisZoekenView.as_view(), name="kennis-zoeken")]
