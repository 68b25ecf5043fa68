"""Tells capacity_meter what each DynamoDB request wrote, for what AWS would bill (reads:
read_metering.py). With SHOPEASY_CAPACITY_METER=off nothing here is installed or charged.

Writes are seen where every write path ends (DynamoDBBackend.put_item and delete_item here,
update_item in write_paths, ConditionCheck and refused conditions in transactions), with the item
before and after.
"""

from __future__ import annotations

import copy
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from moto.dynamodb import models as models_module
from moto.dynamodb.exceptions import ConditionalCheckFailed
from moto.dynamodb.models import DynamoDBBackend
from moto.dynamodb.models.dynamo_type import DynamoType, Item
from moto.dynamodb.models.table import Table

from capacity_meter import DYNAMODB, live
from capacity_meter.dynamodb import stored_item as stored

from .replacement import Replacement

ItemKey = tuple[DynamoType, DynamoType | None]


def located(backend: DynamoDBBackend, table_name: str, attrs: dict[str, Any]) -> tuple[Table, ItemKey] | None:
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
    meter = live()
    target = located(backend, table_name, key) if meter else None
    if meter is None or target is None:
        yield
        return
    table, (hash_key, range_key) = target
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
    meter = live()
    if meter is not None:
        meter.refused(table, hash_key, range_key, current)


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

    def metered_put_item(
        self: DynamoDBBackend, table_name: str, item_attrs: dict[str, Any], *args: Any, **kwargs: Any
    ) -> Item:
        if live() is None:
            return put_item(self, table_name, item_attrs, *args, **kwargs)
        found = located(self, table_name, item_attrs)
        before = stored(found[0], *found[1]) if found else None
        try:
            after = put_item(self, table_name, item_attrs, *args, **kwargs)
        except ConditionalCheckFailed:
            if found:
                dynamo.refused(found[0], *found[1], before)
            raise
        if found:
            dynamo.write(found[0], before, after)
        return after

    def metered_delete_item(
        self: DynamoDBBackend, table_name: str, key: dict[str, Any], *args: Any, **kwargs: Any
    ) -> Item | None:
        if live() is None:
            return delete_item(self, table_name, key, *args, **kwargs)
        found = located(self, table_name, key)
        before = stored(found[0], *found[1]) if found else None
        try:
            deleted = delete_item(self, table_name, key, *args, **kwargs)
        except ConditionalCheckFailed:
            if found:
                dynamo.refused(found[0], *found[1], before)
            raise
        if found:
            if before is None:
                dynamo.refused(found[0], *found[1], None)  # deleting nothing still costs one unit
            else:
                dynamo.write(found[0], before, None)
        return deleted

    return [
        Replacement(DynamoDBBackend, "put_item", metered_put_item),
        Replacement(DynamoDBBackend, "delete_item", metered_delete_item),
    ]
