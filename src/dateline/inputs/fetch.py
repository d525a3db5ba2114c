"""Safe, polite HTTP fetching (urllib3): every hop's resolved address checked and connected to, bounded bodies, retries, robots.txt."""
from __future__ import annotations

import ipaddress
import socket
import threading
import time
import urllib.robotparser
import zlib
from dataclasses import dataclass, field
from datetime import datetime, timezone
from urllib.parse import urljoin, urlsplit

import urllib3

from .. import __version__
from ..errors import InputError

USER_AGENT = f"dateline/{__version__} (+https://github.com/dateline; news article analysis)"
ROBOTS_AGENT = "dateline"
PAGE_TYPES = ("text/html", "application/xhtml+xml", "text/plain")
XML_TYPES = ("application/rss+xml", "application/atom+xml", "application/rdf+xml",
             "application/xml", "text/xml", "application/gzip", "application/x-gzip",
             "application/octet-stream", "text/plain", "text/html", "application/feed+json")
RETRY_STATUS = {429, 500, 502, 503, 504}
CHUNK = 1 << 15


class FetchError(InputError):
    """A URL that cannot be fetched: refused, unreachable, an HTTP error, too big, the wrong type."""

    def __init__(self, reason: str, source: str | None = None, status: int | None = None):
        super().__init__(reason, source)
        self.status = status


@dataclass
class Settings:
    max_bytes: int = 5_000_000
    allow_private: bool = False
    timeout: float = 15.0            # seconds to connect, and between bytes read
    total_timeout: float = 60.0      # seconds for one whole fetch
    retries: int = 2                 # on connection errors, 429 and 5xx, with back-off
    backoff: float = 0.5             # first wait; doubles each retry
    max_redirects: int = 5
    per_host: int = 2                # requests in flight per host
    delay: float = 0.25              # seconds between two requests to one host
    robots: bool = True
    user_agent: str = USER_AGENT


@dataclass
class Response:
    url: str                          # the final address, after redirects
    status: int
    body: bytes = b""
    content_type: str | None = None
    charset: str | None = None
    headers: dict = field(default_factory=dict)
    fetched_at: str = ""


def now_iso() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def _kind(ip) -> str | None:
    """Why an address is refused (None when it is a public one)."""
    if getattr(ip, "ipv4_mapped", None):
        ip = ip.ipv4_mapped
    for name in ("loopback", "link_local", "multicast", "private", "reserved", "unspecified"):
        if getattr(ip, "is_" + name):
            return name.replace("_", "-")
    return None if ip.is_global else "non-public"


class Fetcher:
    """One fetcher per run: connection pools, per-host gates and robots.txt, shared by threads."""

    def __init__(self, settings: Settings | None = None):
        self.s = settings or Settings()
        self._pools: dict = {}
        self._lock = threading.Lock()
        self._gates: dict[str, threading.BoundedSemaphore] = {}
        self._last: dict[str, float] = {}
        self._robots: dict[str, urllib.robotparser.RobotFileParser | None] = {}
        self._robot_locks: dict[str, threading.Lock] = {}

    # ---- addresses ----------------------------------------------------------------------------
    def resolve(self, host: str, port: int) -> str:
        """The address to connect to, checked: refuses private ranges unless allowed."""
        try:
            infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
        except (socket.gaierror, UnicodeError) as exc:
            raise FetchError(f"cannot resolve {host}: {getattr(exc, 'strerror', None) or exc}")
        if not infos:
            raise FetchError(f"cannot resolve {host}")
        addrs = [info[4][0] for info in infos]
        if not self.s.allow_private:
            for addr in addrs:
                why = _kind(ipaddress.ip_address(addr.split("%")[0]))
                if why:
                    raise FetchError(f"refused: {host} resolves to {addr}, a {why} address "
                                     "(--allow-private allows it)")
        return addrs[0]

    def _pool(self, scheme: str, ip: str, port: int, host: str):
        key = (scheme, ip, port, host)
        with self._lock:
            pool = self._pools.get(key)
            if pool is None:
                common = dict(maxsize=max(2, self.s.per_host), block=False, retries=False)
                if scheme == "https":
                    pool = urllib3.HTTPSConnectionPool(ip, port, server_hostname=host,
                                                       assert_hostname=host, **common)
                else:
                    pool = urllib3.HTTPConnectionPool(ip, port, **common)
                self._pools[key] = pool
            return pool

    # ---- politeness ---------------------------------------------------------------------------
    def _enter(self, host: str) -> None:
        with self._lock:
            gate = self._gates.setdefault(host, threading.BoundedSemaphore(max(1, self.s.per_host)))
        gate.acquire()
        with self._lock:
            wait = self._last.get(host, 0.0) + self.s.delay - time.monotonic()
            self._last[host] = max(time.monotonic(), self._last.get(host, 0.0) + self.s.delay)
        if wait > 0:
            time.sleep(wait)

    def _leave(self, host: str) -> None:
        self._gates[host].release()

    def allowed(self, url: str) -> bool:
        """robots.txt of the URL's site allows dateline to fetch it."""
        parts = urlsplit(url)
        site = f"{parts.scheme}://{parts.netloc}"
        with self._lock:
            lock = self._robot_locks.setdefault(site, threading.Lock())
        with lock:
            if site not in self._robots:
                parser = urllib.robotparser.RobotFileParser()
                try:
                    resp = self.get(site + "/robots.txt", accept=None, robots=False,
                                    limit=500_000, retries=0)
                    parser.parse(resp.body.decode("utf-8", "replace").splitlines())
                except FetchError as exc:
                    # RFC 9309: a server error means "disallow all"; a missing file (4xx) allows
                    # everything, and so does a failed connection (the page's own fetch says why)
                    status = getattr(exc, "status", None)
                    if status is not None and status >= 500:
                        parser.disallow_all = True
                    else:
                        parser.allow_all = True
                self._robots[site] = parser
        return self._robots[site].can_fetch(ROBOTS_AGENT, url)

    # ---- fetching -----------------------------------------------------------------------------
    def get(self, url: str, *, accept: tuple[str, ...] | None = PAGE_TYPES,
            headers: dict | None = None, robots: bool = True, limit: int | None = None,
            retries: int | None = None) -> Response:
        """GET ``url`` following at most ``max_redirects`` redirects, each hop checked.
        Raises FetchError with a one-line reason."""
        limit = self.s.max_bytes if limit is None else limit
        retries = self.s.retries if retries is None else retries
        deadline = time.monotonic() + self.s.total_timeout
        current = url
        for _hop in range(self.s.max_redirects + 1):
            parts = urlsplit(current)
            try:
                parts.port
            except ValueError:
                raise FetchError("the address has a bad port")
            if parts.scheme not in ("http", "https"):
                raise FetchError(f"only http and https addresses are fetched, not {parts.scheme}:"
                                 if parts.scheme else "not an http or https address")
            if not parts.hostname:
                raise FetchError("the address has no host")
            self.resolve(parts.hostname, parts.port or 443 if parts.scheme == "https" else
                         parts.port or 80)  # refused addresses say so before robots.txt is asked
            if robots and self.s.robots and not self.allowed(current):
                raise FetchError("robots.txt disallows fetching it")
            resp = self._with_retries(current, parts, headers, limit, retries, deadline, accept)
            if resp.status in (301, 302, 303, 307, 308):
                location = resp.headers.get("location")
                if not location:
                    raise FetchError(f"HTTP {resp.status} without a Location")
                current = urljoin(current, location)
                continue
            return resp
        raise FetchError(f"more than {self.s.max_redirects} redirects")

    def _with_retries(self, url, parts, headers, limit, retries, deadline, accept) -> Response:
        attempt = 0
        while True:
            try:
                resp = self._once(url, parts, headers, limit, deadline, accept)
            except _Retryable as exc:
                if attempt >= retries or time.monotonic() + exc.wait > deadline:
                    raise FetchError(exc.reason, status=exc.status) from None
                time.sleep(exc.wait or self.s.backoff * 2 ** attempt)
                attempt += 1
                continue
            return resp

    def _once(self, url, parts, headers, limit, deadline, accept) -> Response:
        host = parts.hostname
        port = parts.port or (443 if parts.scheme == "https" else 80)
        ip = self.resolve(host, port)
        pool = self._pool(parts.scheme, ip, port, host)
        path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        send = {"Host": parts.netloc.rsplit("@", 1)[-1], "User-Agent": self.s.user_agent,
                "Accept-Encoding": "gzip, deflate", "Accept": "*/*", **(headers or {})}
        self._enter(host)
        try:
            try:
                raw = pool.urlopen("GET", path, headers=send, redirect=False, retries=False,
                                   preload_content=False, decode_content=False,
                                   timeout=urllib3.Timeout(connect=self.s.timeout,
                                                           read=self.s.timeout))
            except urllib3.exceptions.TimeoutError:
                raise _Retryable(f"timed out after {self.s.timeout:g} s")
            except (urllib3.exceptions.HTTPError, OSError) as exc:
                raise _Retryable(f"cannot connect: {_short(exc)}")
            try:
                return self._read(url, raw, limit, deadline, accept)
            finally:
                raw.release_conn()
        finally:
            self._leave(host)

    def _read(self, url, raw, limit, deadline, accept) -> Response:
        status = raw.status
        headers = {k.lower(): v for k, v in raw.headers.items()}
        ctype, charset = _content_type(headers.get("content-type"))
        resp = Response(url=url, status=status, content_type=ctype, charset=charset,
                        headers=headers, fetched_at=now_iso())
        if status in RETRY_STATUS:
            wait = _retry_after(headers.get("retry-after"))
            raise _Retryable(f"HTTP {status}", status=status, wait=wait)
        if 300 <= status < 400:
            return resp
        if status >= 400:
            raise FetchError(f"HTTP {status}", status=status)
        if accept is not None and ctype and ctype not in accept:
            raise FetchError(f"not a web page: content type {ctype}")
        length = headers.get("content-length", "")
        if length.isdigit() and int(length) > limit and not headers.get("content-encoding"):
            raise FetchError(f"input is {int(length):,} bytes, over the limit of {limit:,} "
                             "(raise it with --max-bytes)")
        encoding = headers.get("content-encoding", "").strip().lower()
        inflate = zlib.decompressobj(wbits=47 if encoding in ("gzip", "x-gzip") else 15) \
            if encoding in ("gzip", "x-gzip", "deflate") else None
        body = bytearray()
        try:
            while True:
                piece = raw.read(CHUNK, decode_content=False)
                if not piece:
                    break
                if inflate is not None:
                    piece = inflate.decompress(piece, limit + 1 - len(body))
                    if len(body) + len(piece) > limit or inflate.unconsumed_tail:
                        raise FetchError(f"over the limit of {limit:,} bytes once decompressed "
                                         "(raise it with --max-bytes)")
                body += piece
                if len(body) > limit:
                    raise FetchError(f"input is over the limit of {limit:,} bytes "
                                     "(raise it with --max-bytes)")
                if time.monotonic() > deadline:
                    raise FetchError(f"too slow: not received in {self.s.total_timeout:g} s")
        except urllib3.exceptions.TimeoutError:
            raise _Retryable(f"timed out after {self.s.timeout:g} s")
        except zlib.error as exc:
            raise FetchError(f"bad {encoding} encoding: {exc}")
        except (urllib3.exceptions.HTTPError, OSError) as exc:
            raise _Retryable(f"connection broken: {_short(exc)}")
        resp.body = bytes(body)
        return resp

    def close(self) -> None:
        with self._lock:
            for pool in self._pools.values():
                pool.close()
            self._pools.clear()


class _Retryable(Exception):
    def __init__(self, reason: str, status: int | None = None, wait: float = 0.0):
        super().__init__(reason)
        self.reason, self.status, self.wait = reason, status, wait


def _short(exc: Exception) -> str:
    text = str(getattr(exc, "reason", None) or exc)
    return text.split(": ", 1)[-1][:160]


def _content_type(value: str | None) -> tuple[str | None, str | None]:
    if not value:
        return None, None
    main, _, params = value.partition(";")
    charset = None
    for p in params.split(";"):
        k, _, v = p.partition("=")
        if k.strip().lower() == "charset":
            charset = v.strip().strip("\"'").lower() or None
    return main.strip().lower() or None, charset


def _retry_after(value: str | None) -> float:
    try:
        return min(max(float(value), 0.0), 30.0) if value else 0.0
    except ValueError:
        return 0.0
