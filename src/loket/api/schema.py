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


# Every operation can answer with these; the schema documents them so a client (and the
# conformance test) knows them: a Dutch message per field, or `detail`.
ERROR_RESPONSES = {
    "400": "Ongeldige invoer of parameters (ook een ontbrekende X-Loket-Doel): per veld een "
    "Nederlandse melding.",
    "401": "Geen of een onbekend token.",
    "403": "Het token of de medewerker mag dit niet (scope, rol of team).",
    "404": "Niet gevonden (ook een pagina voorbij de laatste).",
    "413": "Het verzoek is te groot.",
}


def add_error_responses(result, generator, request, public):
    """drf-spectacular postprocessing hook: add the shared error responses to every operation
    that does not describe them itself, with one `Fout` schema."""
    schemas = result.setdefault("components", {}).setdefault("schemas", {})
    schemas["Fout"] = {
        "type": "object",
        "description": "Een foutmelding: `detail`, of per veld een lijst Nederlandse meldingen.",
        "properties": {"detail": {"type": "string"}},
        "additionalProperties": True,
    }
    ref = {"application/json": {"schema": {"$ref": "#/components/schemas/Fout"}}}
    for path_item in result.get("paths", {}).values():
        for method, operation in path_item.items():
            if method not in {"get", "post", "put", "patch", "delete"}:
                continue
            responses = operation.setdefault("responses", {})
            for code, description in ERROR_RESPONSES.items():
                responses.setdefault(code, {"description": description})
                responses[code].setdefault("content", ref)
    return result
