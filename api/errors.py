"""The one place domain errors become HTTP responses."""

from __future__ import annotations

from typing import Any

from litestar import Request, Response
from litestar.exceptions import HTTPException
from litestar.status_codes import (
    HTTP_400_BAD_REQUEST,
    HTTP_401_UNAUTHORIZED,
    HTTP_403_FORBIDDEN,
    HTTP_404_NOT_FOUND,
    HTTP_409_CONFLICT,
    HTTP_422_UNPROCESSABLE_ENTITY,
    HTTP_503_SERVICE_UNAVAILABLE,
)

from domain.errors import (
    Conflict,
    DomainError,
    Forbidden,
    InvalidInput,
    MissingOrganization,
    NotFound,
    Unauthenticated,
    Unavailable,
)

STATUS_OF: dict[type[DomainError], int] = {
    NotFound: HTTP_404_NOT_FOUND,
    Conflict: HTTP_409_CONFLICT,
    InvalidInput: HTTP_422_UNPROCESSABLE_ENTITY,
    Unauthenticated: HTTP_401_UNAUTHORIZED,
    Forbidden: HTTP_403_FORBIDDEN,
    MissingOrganization: HTTP_400_BAD_REQUEST,
    Unavailable: HTTP_503_SERVICE_UNAVAILABLE,
}


def error_body(status_code: int, detail: str) -> dict[str, object]:
    return {"status_code": status_code, "detail": detail}


def domain_error_handler(_: Request[Any, Any, Any], exc: DomainError) -> Response[dict[str, object]]:
    status = next((code for kind, code in STATUS_OF.items() if isinstance(exc, kind)), HTTP_400_BAD_REQUEST)
    headers = {"WWW-Authenticate": "Bearer"} if status == HTTP_401_UNAUTHORIZED else None
    return Response(error_body(status, str(exc)), status_code=status, headers=headers)


def bad_request(detail: str) -> HTTPException:
    return HTTPException(status_code=HTTP_400_BAD_REQUEST, detail=detail)
