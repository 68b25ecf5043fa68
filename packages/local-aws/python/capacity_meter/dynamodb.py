"""DynamoDB's on-demand billing rules, applied to what the emulator's DynamoDB reads and writes.

Reads: ceil(size / 4 KB) read units per item (GetItem, BatchGetItem, TransactGetItems) or per
Query (its items summed), at least one; half when eventually consistent, double in a transaction.
Writes: ceil(max(size before, size after) / 1 KB) write units, at least one, double in a
transaction, plus each secondary index's writes (indexes.py), which are never doubled.
"""

from __future__ import annotations

import base64
import math
from collections.abc import Iterable
from typing import Any, cast

from moto.dynamodb.models.dynamo_type import DynamoType, Item
from moto.dynamodb.models.table import Table

from .indexes import index_writes, shapes
from .meter import DynamoKey, Meter
from .sizes import item_size

_TRANSACTIONS = frozenset({"TransactWriteItems", "TransactGetItems"})


class DynamoMeter:
    """Charges the DynamoDB request in progress; only called under the DynamoDB request lock."""

    def __init__(self, meter: Meter):
        self.meter = meter
        self.operation = "Unknown"
        self.transactional = False

    def begin(self, operation: str) -> None:
        """The request now handled, e.g. "PutItem" (serve.py, from the X-Amz-Target header)."""
        self.operation = operation
        self.transactional = operation in _TRANSACTIONS

    def _key(
        self, table: Table, index: str | None, partition: str, item: str | None, kind: str, consistent: bool
    ) -> DynamoKey:
        return DynamoKey(
            table.name, index, partition, item, self.operation, kind, consistent, self.transactional
        )

    def read_item(
        self, table: Table, hash_key: DynamoType, range_key: DynamoType | None, consistent: bool
    ) -> None:
        """GetItem, each key of BatchGetItem, each Get of TransactGetItems (always consistent)."""
        item = stored_item(table, hash_key, range_key)
        size = item_size(item)
        consistent = consistent or self.transactional
        units = _read_units(size, consistent) * (2 if self.transactional else 1)
        key = self._key(table, None, text(hash_key), item_key(hash_key, range_key), "read", consistent)
        self.meter.dynamodb(key, units, size)

    def read_partition(
        self, table: Table, index: str | None, partition: str, items: Iterable[Item], consistent: bool
    ) -> None:
        """A Query (or Scan): the items it read, before any filter or projection."""
        shape = next((s for s in shapes(table) if s.name == index), None) if index else None
        sizes = [shape.entry_size(i) if shape else item_size(i) for i in items]
        # A global index is always read eventually consistent.
        consistent = consistent and not (index and any(g.name == index for g in table.global_indexes or []))
        total = sum(sizes)
        key = self._key(table, index, partition, None, "read", consistent)
        self.meter.dynamodb(key, _read_units(total, consistent), total, max(sizes, default=0))

    def write(self, table: Table, before: Item | None, after: Item | None) -> None:
        """A Put, Update or Delete that happened: the base item and every index entry it moved."""
        either = after or before
        if either is None:
            return
        self._base_write(table, either.hash_key, either.range_key, max(item_size(before), item_size(after)))
        for entry in index_writes(table, before, after):
            partition = "|".join(text(v) for v in entry.partition)
            key = self._key(
                table, entry.index, partition, item_key(either.hash_key, either.range_key), "write", False
            )
            self.meter.dynamodb(key, _write_units(entry.size), entry.size)

    def refused(
        self, table: Table, hash_key: DynamoType, range_key: DynamoType | None, evaluated: Item | None
    ) -> None:
        """A write whose condition failed, or a transaction's ConditionCheck: the item it evaluated."""
        self._base_write(table, hash_key, range_key, item_size(evaluated))

    def _base_write(
        self, table: Table, hash_key: DynamoType, range_key: DynamoType | None, size: int
    ) -> None:
        units = _write_units(size) * (2 if self.transactional else 1)
        key = self._key(table, None, text(hash_key), item_key(hash_key, range_key), "write", False)
        self.meter.dynamodb(key, units, size)


def _read_units(size: int, consistent: bool) -> float:
    units = max(math.ceil(size / 4096), 1)
    return float(units) if consistent else units / 2


def _write_units(size: int) -> float:
    return float(max(math.ceil(size / 1024), 1))


def stored_item(table: Table, hash_key: DynamoType, range_key: DynamoType | None) -> Item | None:
    """The item stored under this key now, if any."""
    # moto keeps one Item per partition key, or (with a sort key) a dict of them by sort key.
    partition: Any = table.items.get(hash_key)
    if partition is None or table.range_key_attr is None:
        return cast("Item | None", partition)
    return cast("Item | None", partition.get(range_key))


def text(value: DynamoType) -> str:
    """A key value as the reading shows it: strings and numbers as they are, binaries in base64."""
    inner = value.value
    if isinstance(inner, bytes):
        return base64.b64encode(inner).decode("ascii")
    return str(inner)


def item_key(hash_key: DynamoType, range_key: DynamoType | None) -> str:
    return text(hash_key) if range_key is None else f"{text(hash_key)}|{text(range_key)}"
