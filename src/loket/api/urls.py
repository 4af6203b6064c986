from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView

urlpatterns = [
    path("producten/", include("loket.catalogue.api.urls")),
    path("", include("loket.parties.api.urls")),
    path("", include("loket.contacts.api.urls")),
    path("", include("loket.knowledge.api.urls")),
    path("", include("loket.cases.api.urls")),
    path("telefonie/", include("loket.insights.api.urls")),
    path("", include("loket.proactive.api.urls")),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", SpectacularSwaggerView.as_view(url_name="schema"), name="swagger-ui"),
]
