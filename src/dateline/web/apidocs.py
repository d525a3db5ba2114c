"""/api/docs: the OpenAPI description read with Swagger UI, from the files of the installed
swagger-ui-bundle package and a start-up script of ours, all served here (no CDN; the CSP
allows only scripts from this server)."""
from __future__ import annotations

from pathlib import Path

import swagger_ui_bundle
from fastapi import APIRouter
from fastapi.responses import FileResponse, HTMLResponse

ASSETS = Path(swagger_ui_bundle.swagger_ui_path)
ASSETS_URL = "/api/docs/assets"
router = APIRouter(include_in_schema=False)

PAGE = f"""<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>dateline API</title>
<link rel="stylesheet" href="{ASSETS_URL}/swagger-ui.css">
<link rel="stylesheet" href="/static/apidocs.css">
</head>
<body>
<main aria-labelledby="h-api"><h1 class="visually-hidden" id="h-api">dateline API</h1>
<div id="swagger-ui"></div></main>
<noscript><p>This page needs JavaScript. The description itself is at
<a href="/api/openapi.json">/api/openapi.json</a>.</p></noscript>
<script src="{ASSETS_URL}/swagger-ui-bundle.js"></script>
<script src="/static/swagger-init.js"></script>
</body>
</html>
"""


@router.get("/api/docs", response_class=HTMLResponse)
def docs() -> HTMLResponse:
    return HTMLResponse(PAGE)


@router.get("/favicon.ico")
def favicon() -> FileResponse:
    """Browsers ask for it on every site: our icon, not a 404 in their console."""
    return FileResponse(Path(__file__).parent / "static" / "favicon.svg",
                        media_type="image/svg+xml")
