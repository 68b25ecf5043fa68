"""The local AWS emulator: moto in server mode, with DynamoDB requests taken one at a time.

moto serves requests on parallel threads, and its DynamoDB model is not safe under concurrency
(a transaction checks, writes and, when a condition fails, undoes several items). Real DynamoDB
serialises conflicting transactions, so the emulator takes DynamoDB requests one at a time; SQS
long polls and everything else stay concurrent. DynamoDB itself runs at a cost that follows the
work, not the table (see dynamodb_at_scale/__init__.py, whose install() hands back the lock that
DynamoDB requests take here; each part of moto it replaces refuses to run without it).

moto's own server is Werkzeug's development server, which closes the connection after every
answer and then waits 10 ms for stray input: every SDK call paid a new connection, a new thread
and that wait. The emulator runs moto's application on waitress instead (a production WSGI
server: keep-alive connections, a fixed pool of threads). It also stops moto from listing its own
package directory on disk to route each request (it replaces moto.backends.list_of_moto_modules).

It also records what AWS would bill for every DynamoDB and Kinesis request, per partition and
shard, for ShopEasy's capacity model (capacity_meter/; GET /_shopeasy/capacity).
"""

import argparse
import logging
import os
import signal
from collections.abc import Iterable
from wsgiref.types import StartResponse, WSGIApplication, WSGIEnvironment

from moto import backends
from moto.moto_server.werkzeug_app import DomainDispatcherApplication, create_backend_app
from waitress import serve

import capacity_meter
import capacity_meter.kinesis
import dynamodb_at_scale
from dynamodb_at_scale import metering


class SerialDynamoDB:
    def __init__(self, app: WSGIApplication, lock: dynamodb_at_scale.RequestLock):
        self.app = app
        self.lock = lock

    def __call__(self, environ: WSGIEnvironment, start_response: StartResponse) -> Iterable[bytes]:
        if not environ.get("HTTP_X_AMZ_TARGET", "").startswith("DynamoDB"):
            return self.app(environ, start_response)
        with self.lock:
            # What AWS would bill depends on the operation (a transaction's writes count double).
            metering.begin(environ["HTTP_X_AMZ_TARGET"].partition(".")[2])
            result = self.app(environ, start_response)
            try:
                # The whole response is produced inside the lock.
                body = b"".join(result)
            finally:
                close = getattr(result, "close", None)
                if close:
                    close()
        return [body]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("-H", "--host", default="127.0.0.1")
    parser.add_argument("-p", "--port", type=int, default=4566)
    args = parser.parse_args()
    os.environ.setdefault("MOTO_PORT", str(args.port))
    # All data is in memory: nothing to flush, and waitress's worker threads must not hold the exit.
    signal.signal(signal.SIGTERM, lambda *_: os._exit(0))
    signal.signal(signal.SIGINT, lambda *_: os._exit(0))
    dynamodb_lock = dynamodb_at_scale.install()
    # The installed moto modules do not change while the server runs.
    modules = frozenset(backends.list_of_moto_modules())
    backends.list_of_moto_modules = lambda: modules
    app = DomainDispatcherApplication(create_backend_app)
    if capacity_meter.ENABLED:
        capacity_meter.kinesis.install(capacity_meter.METER)
    # Requests queueing for a thread are the normal state under load (DynamoDB takes one at a
    # time), not a warning per request.
    logging.getLogger("waitress.queue").setLevel(logging.ERROR)
    serve(
        # GET /_shopeasy/capacity: what AWS would bill for the requests since the last reset.
        capacity_meter.CapacityEndpoints(SerialDynamoDB(app, dynamodb_lock), capacity_meter.METER),
        host=args.host,
        port=args.port,
        # SQS long polls hold a thread for up to 20 s each; DynamoDB requests queue for one lock.
        threads=12,
        # Every SDK client of every local process keeps its own pool of connections.
        connection_limit=2000,
        backlog=2048,
        channel_timeout=300,
        asyncore_use_poll=True,
        ident="ShopEasy local AWS emulator",
    )


if __name__ == "__main__":
    main()
