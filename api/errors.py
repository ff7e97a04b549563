"""The one place domain errors become HTTP responses."""

from __future__ import annotations

import logging
from typing import Any

import msgspec
from litestar import Request, Response
from litestar.exceptions import HTTPException
from litestar.openapi.datastructures import ResponseSpec
from litestar.status_codes import (
    HTTP_400_BAD_REQUEST,
    HTTP_401_UNAUTHORIZED,
    HTTP_403_FORBIDDEN,
    HTTP_404_NOT_FOUND,
    HTTP_409_CONFLICT,
    HTTP_422_UNPROCESSABLE_ENTITY,
    HTTP_500_INTERNAL_SERVER_ERROR,
    HTTP_503_SERVICE_UNAVAILABLE,
)
from litestar.types import Scope

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
from infra.postgres.pool import rejected_input, unavailable

logger = logging.getLogger(__name__)

# Seconds a client is asked to wait before retrying while the database is unreachable.
DATABASE_RETRY_AFTER_S = 5

STATUS_OF: dict[type[DomainError], int] = {
    NotFound: HTTP_404_NOT_FOUND,
    Conflict: HTTP_409_CONFLICT,
    InvalidInput: HTTP_422_UNPROCESSABLE_ENTITY,
    Unauthenticated: HTTP_401_UNAUTHORIZED,
    Forbidden: HTTP_403_FORBIDDEN,
    MissingOrganization: HTTP_400_BAD_REQUEST,
    Unavailable: HTTP_503_SERVICE_UNAVAILABLE,
}


# An error names the value it is about, but a client's 8,000-character id is not echoed back whole.
MAX_DETAIL_CHARS = 300


class ErrorBody(msgspec.Struct):
    """Every error answer of the API."""

    status_code: int
    detail: str


_MEANING = {
    400: "Malformed input: unknown fields, wrong types, values out of range, a NUL character, a missing header",
    401: "No token, or a malformed, unknown or expired one",
    403: "The token's role lacks the route's scope, or it is not a member of the organization",
    404: "No such conversation (or one of another organization, which is the same to the caller)",
    409: "A conflict: a duplicate shared_id or room_name, or a call in a state that does not allow it",
    413: "The request body is over the size limit",
    422: "A phone number that is not one, or a lookup without an id",
    503: "The database (or LiveKit) cannot be reached right now; retry after Retry-After seconds",
}


def error_responses(*codes: int) -> dict[int, ResponseSpec]:
    """The OpenAPI description of the error answers a route can give."""
    return {
        code: ResponseSpec(data_container=ErrorBody, description=_MEANING[code], generate_examples=False)
        for code in codes
    }


def error_body(status_code: int, detail: str) -> dict[str, object]:
    if len(detail) > MAX_DETAIL_CHARS:
        detail = detail[: MAX_DETAIL_CHARS - 1] + "…"
    return {"status_code": status_code, "detail": detail}


def domain_error_handler(_: Request[Any, Any, Any], exc: DomainError) -> Response[dict[str, object]]:
    status = next((code for kind, code in STATUS_OF.items() if isinstance(exc, kind)), HTTP_400_BAD_REQUEST)
    headers = {"WWW-Authenticate": "Bearer"} if status == HTTP_401_UNAUTHORIZED else None
    return Response(error_body(status, str(exc)), status_code=status, headers=headers)


def client_fault(exc: BaseException) -> str | None:
    """What was wrong with the request when `exc` came from reading or storing its input, else None: a value
    PostgreSQL cannot store (a NUL character, a date out of range), a body that is not UTF-8 or is nested
    deeper than the JSON decoder goes."""
    if isinstance(exc, UnicodeDecodeError):
        return "the request body is not valid UTF-8"
    if isinstance(exc, RecursionError) and _raised_in(exc, "msgspec_hooks.py"):
        return "the request body is nested too deeply"
    return rejected_input(exc)


def _raised_in(exc: BaseException, filename: str) -> bool:
    tb = exc.__traceback__
    while tb is not None:
        if tb.tb_frame.f_code.co_filename.endswith(filename):
            return True
        tb = tb.tb_next
    return False


def failure_handler(_: Request[Any, Any, Any], exc: Exception) -> Response[dict[str, object]]:
    """Errors raised below the domain: input the service could not read or store is the client's (400, naming
    what is wrong); a database that cannot be reached is a 503 the client may retry; anything else is the
    service's fault (500). The 503 and 500 are logged by `log_failure`."""
    detail = client_fault(exc)
    if detail is not None:
        return Response(error_body(HTTP_400_BAD_REQUEST, detail), status_code=HTTP_400_BAD_REQUEST)
    if unavailable(exc):
        return Response(
            error_body(HTTP_503_SERVICE_UNAVAILABLE, "The database is unavailable; try again shortly."),
            status_code=HTTP_503_SERVICE_UNAVAILABLE,
            headers={"Retry-After": str(DATABASE_RETRY_AFTER_S)},
        )
    return Response(
        error_body(HTTP_500_INTERNAL_SERVER_ERROR, "Internal Server Error"),
        status_code=HTTP_500_INTERNAL_SERVER_ERROR,
    )


async def log_failure(exc: Exception, scope: Scope) -> None:
    """Logs what a request failed on, unless it is an answer to the client (an HTTP or a domain error): one line
    while the database is unreachable (every request fails alike), the traceback for anything else."""
    if isinstance(exc, (HTTPException, DomainError)) or client_fault(exc) is not None:
        return
    where = f"{scope.get('method', scope['type'].upper())} {scope['path']}"
    if unavailable(exc):
        logger.error("%s: database unavailable: %s: %s", where, type(exc).__name__, exc)
    else:
        logger.error("%s failed", where, exc_info=exc)


def bad_request(detail: str) -> HTTPException:
    return HTTPException(status_code=HTTP_400_BAD_REQUEST, detail=detail)
