"""Tells capacity_meter what each DynamoDB request read and wrote, for what AWS would bill.

Writes are seen where every write path ends (DynamoDBBackend.put_item and delete_item here,
update_item in write_paths, ConditionCheck and refused conditions in transactions), with the item
before and after; reads where the request names its keys (the GetItem, BatchGetItem and
TransactGetItems handlers) and, for a Query, in query_index, which hands over the items its key
condition read. With SHOPEASY_CAPACITY_METER=off nothing here is installed.
"""

from __future__ import annotations

import copy
import inspect
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from moto.dynamodb import models as models_module
from moto.dynamodb.exceptions import ConditionalCheckFailed
from moto.dynamodb.models import DynamoDBBackend
from moto.dynamodb.models import table as table_module
from moto.dynamodb.models.dynamo_type import DynamoType, Item
from moto.dynamodb.models.table import Table
from moto.dynamodb.responses import DynamoHandler

from capacity_meter import DYNAMODB
from capacity_meter.dynamodb import stored_item as stored
from capacity_meter.dynamodb import text

from .replacement import Replacement

ItemKey = tuple[DynamoType, DynamoType | None]


def _located(
    backend: DynamoDBBackend, table_name: str, attrs: dict[str, Any]
) -> tuple[Table, ItemKey] | None:
    """The table and key a request names; None when moto will refuse it anyway (and charge nothing)."""
    try:
        table = backend.get_table(table_name)
        return table, backend.get_keys_value(table, attrs)
    except Exception:  # noqa: BLE001 (moto answers the same request with its own error)
        return None


class _FirstCopy:
    """Stands in for the `copy` module inside moto's update_item, which deep-copies the item before
    changing it in place: that copy is the item as it was, kept here for the meter."""

    copy = staticmethod(copy.copy)

    def __init__(self) -> None:
        self.taken: list[Any] = []

    def deepcopy(self, value: Any, memo: Any = None) -> Any:
        result = copy.deepcopy(value, memo)
        self.taken.append(result)
        return result


@contextmanager
def update_metered(backend: DynamoDBBackend, table_name: str, key: dict[str, Any]) -> Iterator[None]:
    """Charges the UpdateItem (or transaction Update) run inside: its write, or its refused condition."""
    meter = DYNAMODB
    located = _located(backend, table_name, key) if meter else None
    if meter is None or located is None:
        yield
        return
    table, (hash_key, range_key) = located
    before = _FirstCopy()
    original = vars(models_module)["copy"]
    vars(models_module)["copy"] = before
    try:
        yield
    except ConditionalCheckFailed:
        meter.refused(table, hash_key, range_key, before.taken[0] if before.taken else None)
        raise
    finally:
        vars(models_module)["copy"] = original
    if before.taken:
        meter.write(table, before.taken[0], stored(table, hash_key, range_key))


def condition_evaluated(
    table: Table, hash_key: DynamoType, range_key: DynamoType | None, current: Item | None
) -> None:
    """A transaction's ConditionCheck, or a Put/Update/Delete whose condition failed: charged as a
    write of the item evaluated (AWS bills a ConditionCheck as a transactional write)."""
    if DYNAMODB is not None:
        DYNAMODB.refused(table, hash_key, range_key, current)


def begin(operation: str) -> None:
    """The DynamoDB request now handled, under the request lock (serve.py)."""
    if DYNAMODB is not None:
        DYNAMODB.begin(operation)


def replacements() -> list[Replacement]:
    if DYNAMODB is None:
        return []
    dynamo = DYNAMODB
    put_item = DynamoDBBackend.put_item
    delete_item = DynamoDBBackend.delete_item
    get_item = DynamoHandler.get_item
    batch_get_item = DynamoHandler.batch_get_item
    transact_get_items = DynamoHandler.transact_get_items
    scan = Table.scan
    scan_signature = inspect.signature(scan)

    def metered_put_item(
        self: DynamoDBBackend, table_name: str, item_attrs: dict[str, Any], *args: Any, **kwargs: Any
    ) -> Item:
        located = _located(self, table_name, item_attrs)
        before = stored(located[0], *located[1]) if located else None
        try:
            after = put_item(self, table_name, item_attrs, *args, **kwargs)
        except ConditionalCheckFailed:
            if located:
                dynamo.refused(located[0], *located[1], before)
            raise
        if located:
            dynamo.write(located[0], before, after)
        return after

    def metered_delete_item(
        self: DynamoDBBackend, table_name: str, key: dict[str, Any], *args: Any, **kwargs: Any
    ) -> Item | None:
        located = _located(self, table_name, key)
        before = stored(located[0], *located[1]) if located else None
        try:
            deleted = delete_item(self, table_name, key, *args, **kwargs)
        except ConditionalCheckFailed:
            if located:
                dynamo.refused(located[0], *located[1], before)
            raise
        if located:
            if before is None:
                dynamo.refused(located[0], *located[1], None)  # deleting nothing still costs one unit
            else:
                dynamo.write(located[0], before, None)
        return deleted

    def reads(handler: DynamoHandler, table_name: str, keys: list[dict[str, Any]], consistent: bool) -> None:
        for key in keys:
            located = _located(handler.dynamodb_backend, table_name, key)
            if located:
                dynamo.read_item(located[0], *located[1], consistent)

    def metered_get_item(self: DynamoHandler) -> Any:
        answer = get_item(self)
        reads(self, self.body["TableName"], [self.body["Key"]], bool(self.body.get("ConsistentRead")))
        return answer

    def metered_batch_get_item(self: DynamoHandler) -> Any:
        answer = batch_get_item(self)
        for table_name, request in self.body["RequestItems"].items():
            reads(self, table_name, request["Keys"], bool(request.get("ConsistentRead")))
        return answer

    def metered_transact_get_items(self: DynamoHandler) -> Any:
        answer = transact_get_items(self)
        for entry in self.body["TransactItems"]:
            get = entry.get("Get") or {}
            reads(self, get.get("TableName", ""), [get.get("Key") or {}], True)
        return answer

    def metered_scan(self: Table, *args: Any, **kwargs: Any) -> Any:
        capture = ReadCapture(deep=True)
        namespace = vars(table_module)
        original = namespace["copy"]
        namespace["copy"] = capture
        try:
            answer = scan(self, *args, **kwargs)
        finally:
            namespace["copy"] = original
        arguments = scan_signature.bind(self, *args, **kwargs).arguments
        # A Scan reads across partitions: one row for the table (or index), partition "*".
        index = arguments.get("index_name") or None
        dynamo.read_partition(self, index, "*", capture.items, bool(arguments.get("consistent_read")))
        return answer

    return [
        Replacement(Table, "scan", metered_scan),
        Replacement(DynamoDBBackend, "put_item", metered_put_item),
        Replacement(DynamoDBBackend, "delete_item", metered_delete_item),
        Replacement(DynamoHandler, "get_item", metered_get_item),
        Replacement(DynamoHandler, "batch_get_item", metered_batch_get_item),
        Replacement(DynamoHandler, "transact_get_items", metered_transact_get_items),
    ]


class ReadCapture:
    """Stands in for the `copy` module inside moto's Table.query and Table.scan, which deep-copy
    exactly the items the key condition (or the scan) read, before any filter or projection.
    `deep` False hands the items back uncopied (query_index's partition reads, see _NoCopy there)."""

    copy = staticmethod(copy.copy)

    def __init__(self, deep: bool) -> None:
        self.deep = deep
        self.items: list[Item] = []

    def deepcopy(self, value: Any, memo: Any = None) -> Any:
        if isinstance(value, list):
            self.items.extend(value)
        elif isinstance(value, Item):
            self.items.append(value)
        return copy.deepcopy(value, memo) if self.deep else value


def query_read(table: Table, arguments: dict[str, Any], capture: ReadCapture) -> None:
    """Charges a Query that moto answered, from its bound arguments and the items it read."""
    if DYNAMODB is None:
        return
    conditions = arguments.get("hash_key_conditions") or []
    hash_key = arguments.get("hash_key")
    values = [value for _, value in conditions] or ([hash_key] if hash_key is not None else [])
    partition = "|".join(text(value) for value in values)
    index = arguments.get("index_name") or None
    DYNAMODB.read_partition(table, index, partition, capture.items, bool(arguments.get("consistent_read")))


def capturing() -> bool:
    return DYNAMODB is not None
