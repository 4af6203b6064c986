from rest_framework import status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from loket.core.errors import DomainError


def exception_handler(exc, context):
    """DomainError becomes 400 with the field names, like a serializer's validation errors."""
    if isinstance(exc, DomainError):
        return Response(exc.as_dict(), status=status.HTTP_400_BAD_REQUEST)
    return drf_exception_handler(exc, context)
