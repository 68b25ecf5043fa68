"""Point-in-time recovery that restores the table as it was at the requested time.

moto 5.2.5's RestoreTableToPointInTime ignores RestoreDateTime and copies the table as it is now,
so a restore drill that damages items and then restores to a time before the damage would get the
damage back and still pass. Here, while PITR is enabled on a table, every write (write_paths.touched
sees all of them, a cancelled transaction's undo included) keeps a copy of the item it left, with
its time, after a copy of the table taken when PITR was enabled. A restore replays that history up
to the requested time. The history is bounded (SHOPEASY_PITR_HISTORY writes per table, 20,000 by
default): older writes are folded into the base copy and EarliestRestorableDateTime moves forward.
The state lives in the table's own __dict__ (``_pitr``), as the other modules' state does.
"""

from __future__ import annotations

import copy
import os
import time
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from moto.core.exceptions import JsonRESTError
from moto.dynamodb.exceptions import PointInTimeRecoveryUnavailable
from moto.dynamodb.models import DynamoDBBackend
from moto.dynamodb.models.dynamo_type import DynamoType, Item
from moto.dynamodb.models.table import Table
from moto.dynamodb.responses import DynamoHandler, DynamoResult

from .replacement import Replacement

HISTORY_LIMIT = int(os.environ.get("SHOPEASY_PITR_HISTORY", "20000"))
# The clock writes and restores are timed by (a test moves it).
now = time.time

# One write: when, the item's key, and a copy of the item it left (None: deleted).
Write = tuple[float, DynamoType, "DynamoType | None", "Item | None"]


class InvalidRestoreTimeError(JsonRESTError):
    def __init__(self, message: str):
        super().__init__("com.amazonaws.dynamodb.v20120810#InvalidRestoreTimeException", message)


@dataclass
class History:
    base: dict[DynamoType, Any]
    base_time: float
    writes: list[Write] = field(default_factory=list)


def _place(table: Table, items: dict[DynamoType, Any], write: Write) -> None:
    _, hash_key, range_key, item = write
    if table.range_key_attr is None:
        if item is None:
            items.pop(hash_key, None)
        else:
            items[hash_key] = item
        return
    partition = items.setdefault(hash_key, {})
    if item is None:
        partition.pop(range_key, None)
    else:
        partition[range_key] = item
    if not partition:
        del items[hash_key]


def _seconds(value: Any) -> float:
    return value.timestamp() if isinstance(value, datetime) else float(value)


def record(table: Table, hash_key: DynamoType, range_key: DynamoType | None, item: Item | None) -> None:
    """Keeps the item this write left under its key, if PITR is enabled on the table."""
    history: History | None = table.__dict__.get("_pitr")
    if history is None:
        return
    history.writes.append((now(), hash_key, range_key, copy.deepcopy(item)))
    if len(history.writes) > HISTORY_LIMIT:
        oldest = history.writes.pop(0)
        _place(table, history.base, oldest)
        history.base_time = oldest[0]
        table.continuous_backups["PointInTimeRecoveryDescription"]["EarliestRestorableDateTime"] = oldest[0]


def state_at(table: Table, history: History, when: float) -> dict[DynamoType, Any]:
    """The table's items as they were at `when`, copied so the restored table shares nothing."""
    items = copy.deepcopy(history.base)
    for write in history.writes:
        if write[0] > when:
            break
        _place(table, items, copy.deepcopy(write))
    return items


def replacements() -> list[Replacement]:
    update_continuous_backups = DynamoDBBackend.update_continuous_backups
    describe_continuous_backups = DynamoDBBackend.describe_continuous_backups

    def tracked_update(self: DynamoDBBackend, table_name: str, spec: dict[str, Any]) -> dict[str, Any]:
        result = update_continuous_backups(self, table_name, spec)
        table = self.get_table(table_name)
        description = result["PointInTimeRecoveryDescription"]
        if description["PointInTimeRecoveryStatus"] != "ENABLED":
            table.__dict__.pop("_pitr", None)
        elif "_pitr" not in table.__dict__:
            enabled = now()
            description["EarliestRestorableDateTime"] = enabled
            table.__dict__["_pitr"] = History(copy.deepcopy(table.items), enabled)
        return result

    def current_describe(self: DynamoDBBackend, table_name: str) -> dict[str, Any]:
        result = describe_continuous_backups(self, table_name)
        description = result["PointInTimeRecoveryDescription"]
        if description["PointInTimeRecoveryStatus"] == "ENABLED":
            # Every write is kept as it happens: the latest restorable time is now.
            description["LatestRestorableDateTime"] = now()
        return result

    def restore_to_time(self: DynamoHandler) -> DynamoResult:
        body = self.body
        source_name = body.get("SourceTableName") or str(body.get("SourceTableArn", "")).split("/")[-1]
        source = self.dynamodb_backend.get_table(source_name)
        history: History | None = source.__dict__.get("_pitr")
        if history is None:
            raise PointInTimeRecoveryUnavailable(source_name)
        latest = now()
        asked = body.get("RestoreDateTime", latest)
        # moto parses the request's timestamp into a datetime; a raw body carries epoch seconds.
        when = latest if body.get("UseLatestRestorableTime") else _seconds(asked)
        if not history.base_time <= when <= latest:
            raise InvalidRestoreTimeError(
                f"RestoreDateTime must be between {history.base_time} and {latest} (the restorable window)"
            )
        restored = self.dynamodb_backend.restore_table_to_point_in_time(body["TargetTableName"], source_name)
        # moto keeps items in a defaultdict(dict) and relies on it when writing into a partition.
        restored.items = defaultdict(dict, state_at(source, history, when))
        # The query indexes are built from the items on first use; none may describe the copy.
        for kept in ("_partition_maps", "_base_orders"):
            restored.__dict__.pop(kept, None)
        return DynamoResult(restored.describe())

    return [
        Replacement(DynamoDBBackend, "update_continuous_backups", tracked_update),
        Replacement(DynamoDBBackend, "describe_continuous_backups", current_describe),
        Replacement(DynamoHandler, "restore_table_to_point_in_time", restore_to_time),
    ]
