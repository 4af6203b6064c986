from django.urls import path

from loket.notificaties.api.views import NotificatieCallbackView

urlpatterns = [
    path(
        "notificaties/callback/",
        NotificatieCallbackView.as_view(),
        name="api-notificatie-callback",
    ),
]
