"""The counters: one per distinct (table, index, partition, item, operation, kind, consistent,
transactional) for DynamoDB and per (stream, shard, direction) for Kinesis, so memory follows the
number of distinct keys a run touches, not the number of requests."""

from __future__ import annotations

import threading
from datetime import UTC, datetime
from typing import Any, NamedTuple


class DynamoKey(NamedTuple):
    table: str
    index_name: str | None  # "index" in the reading (tuple has a method of that name)
    partition: str
    item: str | None
    operation: str
    kind: str  # "read" or "write"
    consistent: bool
    transactional: bool


class KinesisKey(NamedTuple):
    stream: str
    shard: str
    direction: str  # "in" (PutRecord/PutRecords) or "out" (GetRecords)


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


class Meter:
    """What AWS would bill, summed per key; safe to call from any thread."""

    def __init__(self) -> None:
        # Kinesis and readers run outside the DynamoDB request lock: the counters have their own.
        self._lock = threading.Lock()
        self._dynamodb: dict[DynamoKey, list[float]] = {}
        self._kinesis: dict[KinesisKey, list[int]] = {}
        self._since = _now()
        # Off until the first reset: metering costs the emulator CPU, so only a run that reads the
        # meter (`npm run load`, the capacity tests) pays for it.
        self.active = False

    def dynamodb(self, key: DynamoKey, units: float, size: int, largest: int | None = None) -> None:
        """One request's charge to this row: `units` for `size` bytes read or written, the largest
        item among them `largest` bytes (a Query reads several; by default one item of `size`)."""
        largest = size if largest is None else largest
        with self._lock:
            row = self._dynamodb.get(key)
            if row is None:
                self._dynamodb[key] = [1, units, size, largest]
            else:
                row[0] += 1
                row[1] += units
                row[2] += size
                if largest > row[3]:
                    row[3] = largest

    def kinesis(self, key: KinesisKey, records: int, size: int) -> None:
        with self._lock:
            row = self._kinesis.get(key)
            if row is None:
                self._kinesis[key] = [1, records, size]
            else:
                row[0] += 1
                row[1] += records
                row[2] += size

    def reset(self) -> None:
        """Clears the counters and records from now on."""
        with self._lock:
            self._dynamodb.clear()
            self._kinesis.clear()
            self._since = _now()
            self.active = True

    def reading(self) -> dict[str, Any]:
        """The JSON answer of GET /_shopeasy/capacity (packages/local-aws/src/capacity.ts)."""
        with self._lock:
            dynamodb = [(key, list(row)) for key, row in self._dynamodb.items()]
            kinesis = [(key, list(row)) for key, row in self._kinesis.items()]
            since = self._since
        return {
            "since": since,
            "until": _now(),
            "dynamodb": [
                {
                    "table": key.table,
                    "index": key.index_name,
                    "partition": key.partition,
                    "item": key.item,
                    "operation": key.operation,
                    "kind": key.kind,
                    "consistent": key.consistent,
                    "transactional": key.transactional,
                    "requests": int(row[0]),
                    "units": row[1],
                    "bytes": int(row[2]),
                    "maxItemBytes": int(row[3]),
                }
                for key, row in dynamodb
            ],
            "kinesis": [
                {**key._asdict(), "calls": row[0], "records": row[1], "bytes": row[2]} for key, row in kinesis
            ],
        }
