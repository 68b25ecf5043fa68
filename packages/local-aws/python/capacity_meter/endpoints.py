"""The two HTTP endpoints the capacity model reads, answered before moto sees the request."""

from __future__ import annotations

import json
from collections.abc import Iterable
from wsgiref.types import StartResponse, WSGIApplication, WSGIEnvironment

from .meter import Meter

READING_PATH = "/_shopeasy/capacity"
RESET_PATH = "/_shopeasy/capacity/reset"


class CapacityEndpoints:
    """GET /_shopeasy/capacity answers the reading; POST /_shopeasy/capacity/reset clears it (204)."""

    def __init__(self, app: WSGIApplication, meter: Meter):
        self.app = app
        self.meter = meter

    def __call__(self, environ: WSGIEnvironment, start_response: StartResponse) -> Iterable[bytes]:
        path = environ.get("PATH_INFO", "")
        if not path.startswith(READING_PATH):
            return self.app(environ, start_response)
        method = environ.get("REQUEST_METHOD", "GET")
        if path == READING_PATH and method == "GET":
            body = json.dumps(self.meter.reading(), separators=(",", ":")).encode()
            start_response(
                "200 OK", [("Content-Type", "application/json"), ("Content-Length", str(len(body)))]
            )
            return [body]
        if path == RESET_PATH and method == "POST":
            self.meter.reset()
            start_response("204 No Content", [])
            return []
        start_response("405 Method Not Allowed", [("Content-Length", "0")])
        return []
