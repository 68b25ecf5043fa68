"""TransactWriteItems, all-or-nothing, undoing only the items it changed on failure.

moto copies every table a transaction names so that it can put the copy back: with the catalog
table, every stock reservation copied 10,000 items. Here each item is copied just before it
changes, and a failed transaction puts back only those.
"""

from __future__ import annotations

import copy
from typing import Any

from moto.dynamodb.comparisons import get_filter_expression
from moto.dynamodb.exceptions import (
    ConditionalCheckFailed,
    MockValidationException,
    MultipleTransactionsException,
    TooManyTransactionsException,
    TransactionCanceledException,
    TransactWriteSingleOpException,
)
from moto.dynamodb.models import DynamoDBBackend
from moto.dynamodb.models.dynamo_type import DynamoType, Item
from moto.dynamodb.models.table import Table

from . import metering
from .replacement import Replacement
from .write_paths import stored, touched

_TRANSACT_OPS = ("ConditionCheck", "Put", "Delete", "Update")

# What DynamoDB reports per operation of a cancelled transaction: code, message, old item.
Reason = tuple[Any, Any, Any]


class _Journal:
    """Copies of the items a transaction changes, taken before each change, to undo a failure,
    and where each changed table's stream stood: a cancelled transaction leaves no stream record,
    as in DynamoDB (moto writes one per item as it goes)."""

    def __init__(self) -> None:
        self.before: list[tuple[Table, DynamoType, DynamoType | None, Item | None]] = []
        # Per stream shard, the sequence number its next record would have had.
        self.stream_ends: dict[int, tuple[Any, int]] = {}

    def record(self, table: Table, hash_key: DynamoType, range_key: DynamoType | None) -> None:
        self.before.append((table, hash_key, range_key, copy.deepcopy(stored(table, hash_key, range_key))))
        shard = table.stream_shard
        if shard is not None and id(shard) not in self.stream_ends:
            self.stream_ends[id(shard)] = (shard, shard.starting_sequence_number + len(shard.items))

    def undo(self) -> None:
        # Requests run one at a time (RequestLock), so nothing read the records since they were added.
        for shard, end in self.stream_ends.values():
            del shard.items[max(end - shard.starting_sequence_number, 0) :]
        self.stream_ends.clear()
        for table, hash_key, range_key, item in reversed(self.before):
            # moto keeps one Item per partition key, or (with a sort key) a dict of them by sort key.
            items: dict[DynamoType, Any] = table.items
            if table.range_key_attr is None:
                if item is None:
                    items.pop(hash_key, None)
                else:
                    items[hash_key] = item
            else:
                partition = items[hash_key]
                if item is None:
                    partition.pop(range_key, None)
                    if not partition:
                        del items[hash_key]
                else:
                    partition[range_key] = item
            touched(table, hash_key, range_key)
        self.before.clear()


def transact_write_items(self: DynamoDBBackend, transact_items: list[dict[str, Any]]) -> None:
    if len(transact_items) > 100:
        raise TooManyTransactionsException()
    journal = _Journal()
    targets: set[tuple[str, str]] = set()
    reasons: list[Reason] = []
    try:
        for entry in transact_items:
            if len(entry) > 1:
                raise TransactWriteSingleOpException
            op_type, op = next(iter(entry.items()))
            reasons.append(_transact_one(self, op_type, op, targets, journal))
    except (MultipleTransactionsException, MockValidationException):
        journal.undo()
        raise
    if any(code is not None for code, _, _ in reasons):
        journal.undo()
        raise TransactionCanceledException(reasons)


def _transact_one(
    backend: DynamoDBBackend,
    op_type: str,
    op: dict[str, Any],
    targets: set[tuple[str, str]],
    journal: _Journal,
) -> Reason:
    old_image: dict[str, Any] | None = None
    try:
        if op_type not in _TRANSACT_OPS:
            raise ValueError("Unsupported transaction operation")
        table_name = op["TableName"]
        # None when absent, which moto's update_item takes too, though its annotation says dict.
        names: Any = op.get("ExpressionAttributeNames")
        values: Any = op.get("ExpressionAttributeValues")
        condition = op.get("ConditionExpression")
        table = backend.get_table(table_name)
        if op_type == "Put":
            key = {table.hash_key_attr: op["Item"][table.hash_key_attr]}
            if table.range_key_attr is not None:
                key[table.range_key_attr] = op["Item"][table.range_key_attr]
        else:
            key = op["Key"]
        target = (str(table_name), str(dict(sorted(key.items()))))
        if target in targets:
            raise MultipleTransactionsException()
        targets.add(target)

        hash_key, range_key = backend.get_keys_value(table, key)
        current = table.get_item(hash_key, range_key)
        if condition is not None and not get_filter_expression(condition, names, values).expr(current):
            metering.condition_evaluated(table, hash_key, range_key, current)
            if op.get("ReturnValuesOnConditionCheckFailure") == "ALL_OLD" and current:
                old_image = current.to_json()["Attributes"]
            raise ConditionalCheckFailed(item=old_image)
        if op_type == "ConditionCheck":
            metering.condition_evaluated(table, hash_key, range_key, current)

        if op_type != "ConditionCheck":
            journal.record(table, hash_key, range_key)
        if op_type == "Put":
            backend.put_item(
                table_name,
                op["Item"],
                condition_expression=condition,
                expression_attribute_names=names,
                expression_attribute_values=values,
            )
        elif op_type == "Delete":
            backend.delete_item(
                table_name,
                key,
                condition_expression=condition,
                expression_attribute_names=names,
                expression_attribute_values=values,
            )
        elif op_type == "Update":
            backend.update_item(
                table_name,
                key,
                update_expression=op["UpdateExpression"],
                condition_expression=condition,
                expression_attribute_names=names,
                expression_attribute_values=values,
            )
        return (None, None, None)
    except (MultipleTransactionsException, MockValidationException):
        raise
    except ConditionalCheckFailed as error:
        return ("ConditionalCheckFailed", str(error.message), old_image)
    except Exception as error:  # noqa: BLE001 (DynamoDB reports any other failure as a reason)
        return (type(error).__name__, str(error), old_image)


def replacements() -> list[Replacement]:
    return [Replacement(DynamoDBBackend, "transact_write_items", transact_write_items)]
