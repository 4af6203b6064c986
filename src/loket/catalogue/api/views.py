from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import generics
from rest_framework.exceptions import NotFound

from loket.accounts.permissions import VIEW_KNOWLEDGE
from loket.catalogue.api.serializers import ProductFilterSerializer, ProductSerializer
from loket.catalogue.selectors import product_get, product_list

ERRORS = {
    401: OpenApiResponse(description="Geen of een onbekend token."),
    403: OpenApiResponse(description="Het token heeft de scope 'producten:lezen' niet."),
}


class ProductenMixin(generics.GenericAPIView):
    scope = "producten"
    session_permissions = {"lezen": [VIEW_KNOWLEDGE]}
    serializer_class = ProductSerializer
    filter_backends: list = []


@extend_schema(tags=["producten"])
class ProductListView(ProductenMixin, generics.ListAPIView):
    @extend_schema(
        operation_id="producten_list",
        summary="Producten van de catalogus",
        description=(
            "Producten met hun naam uit de Uniforme Productnamenlijst (UPL). Zonder filter de "
            "producten van de gemeente; `overheidslaag` kiest een andere laag."
        ),
        parameters=[ProductFilterSerializer],
        responses={
            200: ProductSerializer(many=True),
            400: OpenApiResponse(description="Ongeldig filter."),
            **ERRORS,
        },
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        filters = ProductFilterSerializer(data=self.request.query_params)
        filters.is_valid(raise_exception=True)
        data = filters.validated_data
        return product_list(
            gemeente_only=True,
            doelgroep=data.get("doelgroep"),
            q=data.get("q"),
            overheidslaag=data.get("overheidslaag"),
        )


@extend_schema(tags=["producten"])
class ProductDetailView(ProductenMixin, generics.RetrieveAPIView):
    lookup_field = "uuid"

    @extend_schema(
        operation_id="producten_retrieve",
        summary="Eén product",
        responses={
            200: ProductSerializer,
            404: OpenApiResponse(description="Het product bestaat niet."),
            **ERRORS,
        },
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    def get_object(self):
        product = product_get(uuid=self.kwargs["uuid"])
        if product is None or not product.is_actief:
            raise NotFound("Het product bestaat niet.")
        return product
