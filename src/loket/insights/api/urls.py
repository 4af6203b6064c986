from django.urls import path

from loket.insights.api.views import GebeurtenisView

urlpatterns = [
    path("gebeurtenissen", GebeurtenisView.as_view(), name="api-telefonie-gebeurtenissen"),
]
