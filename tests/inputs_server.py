"""A local HTTP server on 127.0.0.1 for the input tests: routes of our own making."""
from __future__ import annotations

import gzip
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

PARAGRAPH = ("The city council of Riverton voted on Tuesday to approve a new bridge across the "
             "river, after months of debate about its cost and its effect on local traffic. ")
PAGE = ("<!DOCTYPE html><html><head><title>Council approves bridge</title>"
        "<meta property='article:published_time' content='2024-03-05'></head><body><article>"
        "<h1>Council approves bridge</h1>" + "".join(f"<p>{PARAGRAPH} Point {i}.</p>" for i in range(6))
        + "</article></body></html>")
PT = ("<!DOCTYPE html><html lang='pt'><head><title>Câmara aprova ponte</title></head><body><article>"
      + "".join("<p>A câmara municipal de Riverton aprovou na terça-feira a construção de uma nova "
                "ponte sobre o rio, depois de meses de debate sobre o seu custo e o efeito no "
                f"trânsito local. Parágrafo {i}.</p>" for i in range(6)) + "</article></body></html>")


class Server:
    def __init__(self):
        self.routes: dict[str, tuple] = {}
        self.hits: list[tuple[str, dict]] = []
        server = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *a):
                pass

            def do_GET(self):
                server.hits.append((self.path, dict(self.headers)))
                route = server.routes.get(self.path)
                if route is None:
                    self.send_response(404)
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                status, headers, body, delay = (tuple(route) + (0,))[:4]
                if callable(body):
                    status, headers, body = body(self)
                if delay:
                    time.sleep(delay)
                self.send_response(status)
                for k, v in headers.items():
                    self.send_header(k, v)
                if status != 304:
                    self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                if status != 304:
                    try:
                        self.wfile.write(body)
                    except OSError:
                        pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.port = self.httpd.server_address[1]
        self.base = f"http://127.0.0.1:{self.port}"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def add(self, path: str, body, ctype: str = "text/html; charset=utf-8", status: int = 200,
            headers: dict | None = None, delay: float = 0):
        data = body.encode("utf-8") if isinstance(body, str) else body
        self.routes[path] = (status, {"Content-Type": ctype, **(headers or {})}, data, delay)

    def close(self):
        self.httpd.shutdown()
        self.httpd.server_close()


def gzip_bomb(size: int) -> bytes:
    return gzip.compress(b"\0" * size, 9)
