"""The one place where errors become responses.

Under /api every error is ``{"error": {"status": N, "message": "..."}}``; a page gets the same
status and message as HTML. No traceback or SQL ever reaches the client: an unexpected exception
is logged and answered with a plain 500.

    400  a search query FTS5 cannot read, a date that is not a date, a query or path parameter
         that is not valid or not known, a Host header the server does not answer for
    404  no such article, person, story or page
    405  a method the route does not take
    413  a request body over --max-body
    422  a request body that is not valid; text that cannot be analysed
    429  every analysis worker busy and the analysis queue full
    500  anything else (a damaged corpus, a bug)
    503  the corpus is locked by another process for too long
"""
from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException

from ..corpus.store import CorpusLocked, QueryError
from ..errors import DatelineError, InputError

log = logging.getLogger("dateline")


class BadRequest(DatelineError):
    """A request the client can fix (a bad date, a bad parameter): 400."""


def error_body(status: int, message: str) -> dict:
    return {"error": {"status": status, "message": message}}


def respond(request: Request, status: int, message: str) -> Response:
    """The error response: JSON under /api, an HTML page elsewhere."""
    if request.url.path.startswith("/api"):
        headers = {"Retry-After": "5"} if status == 429 else None
        return JSONResponse(error_body(status, message), status_code=status, headers=headers)
    templates = request.app.state.templates
    return templates.TemplateResponse(request, "error.html",
                                      {"status": status, "message": message},
                                      status_code=status)


def _validation_message(exc: RequestValidationError) -> str:
    parts = []
    for err in exc.errors():
        if err.get("type") == "json_invalid":
            parts.append("the request body is not valid JSON")
            continue
        where = ".".join(str(p) for p in err.get("loc", ()) if p not in ("query", "path", "body"))
        message = str(err.get("msg", "invalid")).removeprefix("Value error, ")
        parts.append(f"{where}: {message}" if where else message)
    return "; ".join(parts) or "invalid request"


def status_of(exc: Exception) -> int:
    """The HTTP status for an error dateline raised on purpose."""
    from .analysis import Busy

    if isinstance(exc, (QueryError, BadRequest)):
        return 400
    if isinstance(exc, Busy):
        return 429
    if isinstance(exc, InputError):
        return 422
    if isinstance(exc, CorpusLocked):
        return 503
    return 500


def install(app: FastAPI) -> None:
    @app.exception_handler(HTTPException)
    async def http_error(request: Request, exc: HTTPException) -> Response:
        message = exc.detail if isinstance(exc.detail, str) else str(exc.detail)
        if exc.status_code == 404 and message == "Not Found":
            message = f"nothing at {request.url.path}"
        elif exc.status_code == 405:
            message = f"{request.method} is not allowed on {request.url.path}"
        return respond(request, exc.status_code, message)

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> Response:
        in_body = any(err.get("loc", ("",))[0] == "body" or err.get("type") == "json_invalid"
                      for err in exc.errors())
        return respond(request, 422 if in_body else 400, _validation_message(exc))

    @app.exception_handler(DatelineError)
    async def dateline_error(request: Request, exc: DatelineError) -> Response:
        status = status_of(exc)
        if status >= 500:
            log.error("%s %s: %s", request.method, request.url.path, exc)
        # an analysed text has no name worth showing: only the reason
        return respond(request, status, exc.reason if isinstance(exc, InputError) else str(exc))

    @app.exception_handler(Exception)
    async def unexpected(request: Request, exc: Exception) -> Response:
        # the server logs the traceback (Starlette re-raises it after this answer)
        return respond(request, 500, "internal error: the server could not answer this request")


def known_parameters(request: Request) -> None:
    """Dependency: a query parameter the route does not take is a 400 (a misspelt filter must
    not silently return everything)."""
    route = request.scope.get("route")
    dependant = getattr(route, "dependant", None)
    if dependant is None:
        return
    known: set[str] = set()
    todo = [dependant]
    while todo:
        d = todo.pop()
        known.update(p.alias for p in d.query_params)
        todo.extend(d.dependencies)
    unknown = sorted(set(request.query_params) - known)
    if unknown:
        raise BadRequest(f"unknown parameter{'s' if len(unknown) > 1 else ''} "
                         f"{', '.join(map(repr, unknown))}; this route takes "
                         f"{', '.join(sorted(known)) or 'no parameters'}")
