"""The local AWS emulator: moto in server mode, with DynamoDB requests taken one at a time.

moto serves requests on parallel threads, and its DynamoDB model is not safe under concurrency
(a transaction checks, writes and, when a condition fails, undoes several items). Real DynamoDB
serialises conflicting transactions, so the emulator takes DynamoDB requests one at a time; SQS
long polls and everything else stay concurrent. DynamoDB itself runs at a cost that follows the
work, not the table (see dynamodb_at_scale.py).

Two per-request costs of moto's server go too: it lists its own package directory on disk to route
every request, and its development server writes an access-log line per request.
"""

import argparse
import os
import signal
import sys
import threading

from moto import backends
from moto.moto_server.werkzeug_app import (
    DomainDispatcherApplication,
    MotoRequestHandler,
    create_backend_app,
)
from werkzeug.serving import run_simple

import dynamodb_at_scale

_dynamodb = threading.Lock()


class SerialDynamoDB:
    def __init__(self, app):
        self.app = app

    def __call__(self, environ, start_response):
        if not environ.get("HTTP_X_AMZ_TARGET", "").startswith("DynamoDB"):
            return self.app(environ, start_response)
        with _dynamodb:
            result = self.app(environ, start_response)
            try:
                # The whole response is produced inside the lock.
                body = b"".join(result)
            finally:
                close = getattr(result, "close", None)
                if close:
                    close()
        return [body]


class QuietRequestHandler(MotoRequestHandler):
    """No access-log line per request (errors are still logged)."""

    def log_request(self, code: int | str = "-", size: int | str = "-") -> None:
        pass


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("-H", "--host", default="127.0.0.1")
    parser.add_argument("-p", "--port", type=int, default=4566)
    args = parser.parse_args()
    os.environ.setdefault("MOTO_PORT", str(args.port))
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    signal.signal(signal.SIGINT, lambda *_: sys.exit(0))
    dynamodb_at_scale.install()
    # The installed moto modules do not change while the server runs.
    modules = frozenset(backends.list_of_moto_modules())
    backends.list_of_moto_modules = lambda: modules
    app = DomainDispatcherApplication(create_backend_app)
    app.debug = True
    run_simple(
        args.host,
        args.port,
        SerialDynamoDB(app),
        threaded=True,
        request_handler=QuietRequestHandler,
    )


if __name__ == "__main__":
    main()
