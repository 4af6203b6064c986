"""OpenAPI description of Loket's token authentication (loaded in ApiConfig.ready)."""

from drf_spectacular.extensions import OpenApiAuthenticationExtension


class ScopedTokenScheme(OpenApiAuthenticationExtension):
    target_class = "loket.api.authentication.ScopedTokenAuthentication"
    name = "tokenAuth"

    def get_security_definition(self, auto_schema):
        return {
            "type": "apiKey",
            "in": "header",
            "name": "Authorization",
            "description": (
                "API-token met scopes: `Authorization: Token <sleutel>`. Een token zonder de "
                "benodigde scope (bijvoorbeeld `partijen:lezen`) krijgt 403."
            ),
        }
