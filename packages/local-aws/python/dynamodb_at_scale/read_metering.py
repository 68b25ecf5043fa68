"""Tells capacity_meter what each DynamoDB request read, for what AWS would bill: where the
request names its keys (the GetItem, BatchGetItem and TransactGetItems handlers) and, for a Query
(query_index) or Scan, the items moto's own code read before any filter or projection.
With SHOPEASY_CAPACITY_METER=off nothing here is installed or charged.
"""

from __future__ import annotations

import copy
import inspect
from typing import Any

from moto.dynamodb.models import table as table_module
from moto.dynamodb.models.dynamo_type import Item
from moto.dynamodb.models.table import Table
from moto.dynamodb.responses import DynamoHandler

from capacity_meter import DYNAMODB, live
from capacity_meter.dynamodb import text

from .metering import located
from .replacement import Replacement


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
    meter = live()
    if meter is None:
        return
    conditions = arguments.get("hash_key_conditions") or []
    hash_key = arguments.get("hash_key")
    values = [value for _, value in conditions] or ([hash_key] if hash_key is not None else [])
    partition = "|".join(text(value) for value in values)
    index = arguments.get("index_name") or None
    meter.read_partition(table, index, partition, capture.items, bool(arguments.get("consistent_read")))


def capturing() -> bool:
    return live() is not None


def replacements() -> list[Replacement]:
    if DYNAMODB is None:
        return []
    dynamo = DYNAMODB
    get_item = DynamoHandler.get_item
    batch_get_item = DynamoHandler.batch_get_item
    transact_get_items = DynamoHandler.transact_get_items
    scan = Table.scan
    scan_signature = inspect.signature(scan)

    def reads(handler: DynamoHandler, table_name: str, keys: list[dict[str, Any]], consistent: bool) -> None:
        if live() is None:
            return
        for key in keys:
            found = located(handler.dynamodb_backend, table_name, key)
            if found:
                dynamo.read_item(found[0], *found[1], consistent)

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
        if live() is None:
            return scan(self, *args, **kwargs)
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
        Replacement(DynamoHandler, "get_item", metered_get_item),
        Replacement(DynamoHandler, "batch_get_item", metered_batch_get_item),
        Replacement(DynamoHandler, "transact_get_items", metered_transact_get_items),
    ]
