from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

urlpatterns = [
    path("producten/", include("loket.catalogue.api.urls")),
    path("", include("loket.parties.api.urls")),
    path("", include("loket.contacts.api.urls")),
    path("", include("loket.knowledge.api.urls")),
    path("", include("loket.cases.api.urls")),
    path("telefonie/", include("loket.insights.api.urls")),
    path("", include("loket.messaging.api.urls")),
    path("", include("loket.notificaties.api.urls")),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    # The split view serves its start script from a URL, so the CSP needs no inline script.
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="schema"), name="swagger-ui"),
]
