"""What every request passes through before a route sees it: the Host check (DNS rebinding),
HEAD answered as GET, the request-body bound, and the security headers on every response,
errors and crashes included. Plain ASGI middleware, outermost first (see :func:`wrap`)."""
from __future__ import annotations

import json
import logging

log = logging.getLogger("dateline")

#: The pages run no script and load only our stylesheet; /api/docs runs the swagger-ui files we
#: serve (and reads /api/openapi.json). Nothing is loaded from elsewhere.
CSP = ("default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; "
       "base-uri 'none'; frame-ancestors 'none'")
DOCS_CSP = ("default-src 'none'; style-src 'self'; img-src 'self' data:; script-src 'self'; "
            "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'")
LOOPBACK = ("127.0.0.1", "localhost", "::1", "[::1]")


def allowed_hosts(host: str, extra: tuple[str, ...] = ()) -> frozenset[str] | None:
    """The Host header values a server bound to ``host`` answers: the bound name, and the
    loopback names when it is bound to loopback. None (any) for a wildcard bind with no list."""
    names = {h.lower() for h in extra}
    if host in ("0.0.0.0", "::", ""):
        return frozenset(names | set(LOOPBACK)) if names else None
    names.add(host.lower())
    if host in LOOPBACK:
        names |= set(LOOPBACK)
    return frozenset(names)


def _header(scope, name: bytes) -> str | None:
    for key, value in scope.get("headers", ()):
        if key == name:
            return value.decode("latin-1")
    return None


def _host_name(value: str) -> str:
    value = value.strip().lower()
    if value.startswith("["):
        return value.split("]")[0] + "]"
    return value.rsplit(":", 1)[0] if value.count(":") == 1 else value


def _headers(path: str, content_type: bytes, extra: list) -> list:
    out = [(b"x-content-type-options", b"nosniff"), (b"referrer-policy", b"no-referrer"),
           (b"content-security-policy",
            (DOCS_CSP if path.startswith("/api/docs") else CSP).encode())]
    names = {k.lower() for k, _ in extra}
    return [h for h in out if h[0] not in names]


async def _error(send, path: str, status: int, message: str, *, head: bool = False) -> None:
    """A minimal error answer in the one error shape (used before or after the app)."""
    if path.startswith("/api"):
        body, kind = json.dumps({"error": {"status": status, "message": message}}).encode(), \
            b"application/json"
    else:
        from markupsafe import escape
        body = (f"<!doctype html><html lang=en><title>{status}</title><main><h1>{status}</h1>"
                f"<p>{escape(message)}</p></main></html>").encode()
        kind = b"text/html; charset=utf-8"
    headers = [(b"content-type", kind), (b"content-length", str(len(body)).encode())]
    await send({"type": "http.response.start", "status": status,
                "headers": headers + _headers(path, kind, headers)})
    await send({"type": "http.response.body", "body": b"" if head else body})


class Guard:
    """Host check, HEAD as GET, a bound on request bodies, security headers, and a 500 in the
    one error shape (with its headers) for anything that escaped the app."""

    def __init__(self, app, *, hosts: frozenset[str] | None, max_body: int):
        self.app, self.hosts, self.max_body = app, hosts, max_body

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        path = scope.get("path", "")
        head = scope["method"] == "HEAD"
        if self.hosts is not None:
            host = _host_name(_header(scope, b"host") or "")
            if host not in self.hosts:
                return await _error(send, path, 400, f"this server does not answer for the "
                                    f"host {host!r} (see --allow-host)", head=head)
        if head:
            scope = dict(scope, method="GET")
        length = _header(scope, b"content-length")
        if length is not None and (not length.isdigit() or int(length) > self.max_body):
            return await _error(send, path, 413, f"the request body is larger than "
                                f"{self.max_body} bytes (see --max-body)")
        received = 0
        too_big = False

        async def bounded_receive():
            nonlocal received, too_big
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_body:
                    too_big = True
                    raise BodyTooLarge()
            return message

        started = swallowed = False

        async def guarded_send(message):
            nonlocal started, swallowed
            if swallowed:
                return
            if too_big and message["type"] == "http.response.start":
                started = swallowed = True  # the app answered a body it could not read
                return await _error(send, path, 413, f"the request body is larger than "
                                    f"{self.max_body} bytes (see --max-body)")
            if message["type"] == "http.response.start":
                started = True
                headers = list(message.get("headers", []))
                kind = dict(headers).get(b"content-type", b"")
                message = dict(message, headers=headers + _headers(path, kind, headers))
            elif message["type"] == "http.response.body" and head:
                message = dict(message, body=b"")
            await send(message)

        try:
            await self.app(scope, bounded_receive, guarded_send)
        except Exception as exc:
            if too_big and not started:
                return await _error(send, path, 413, f"the request body is larger than "
                                    f"{self.max_body} bytes (see --max-body)")
            log.error("%s %s: %s", scope["method"], path, exc, exc_info=exc)
            if not started:
                await _error(send, path, 500, "internal error: the server could not answer "
                             "this request", head=head)


class BodyTooLarge(Exception):
    """A request body past the bound (raised while it is read)."""
