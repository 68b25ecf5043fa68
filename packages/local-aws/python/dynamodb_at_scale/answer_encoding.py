"""Item-carrying answers written as JSON directly.

moto's generic serializer looks each attribute up through its alias rules, about 1 ms per item of
twenty attributes; the items are already in DynamoDB's wire shape. Other answers go through moto's
serializer as before.
"""

from __future__ import annotations

import base64
import json
from typing import Any

from moto.core.common_types import TYPE_RESPONSE
from moto.core.responses import ActionContext
from moto.dynamodb.models.dynamo_type import DynamoType
from moto.dynamodb.models.utilities import dynamo_to_dict
from moto.dynamodb.responses import DynamoResult

from .replacement import Replacement

# Operations whose results hold only wire-shaped members: items, keys, counts, capacity.
_ITEM_OPERATIONS = frozenset(
    {
        "GetItem",
        "PutItem",
        "UpdateItem",
        "DeleteItem",
        "Query",
        "Scan",
        "BatchGetItem",
        "BatchWriteItem",
        "TransactGetItems",
        "TransactWriteItems",
    }
)


def wire(value: Any) -> Any:
    """A result in DynamoDB's JSON wire shape, in one pass: attribute values as {type: value},
    binaries in base64, members that moto's serializer leaves out (None) left out."""
    if isinstance(value, DynamoType):
        kind, inner = value.type, value.value
        if kind == "B":
            return {"B": inner if isinstance(inner, str) else _base64(inner)}
        if kind == "BS":
            return {"BS": [v if isinstance(v, str) else _base64(v) for v in inner]}
        return {kind: wire(inner)}
    if isinstance(value, dict):
        return {k: wire(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [wire(v) for v in value]
    if isinstance(value, (bytes, bytearray)):
        return _base64(value)
    if hasattr(value, "to_json"):
        return wire(value.to_json())
    return value


def _base64(value: bytes | bytearray) -> str:
    return base64.b64encode(value).decode("ascii")


def replacements() -> list[Replacement]:
    execute_result = DynamoResult.execute_result

    def raw_result(self: DynamoResult, result: object) -> None:
        # Converted on the way out (below), not here: item answers skip the conversion.
        self._result = result

    def direct_execute_result(self: DynamoResult, context: ActionContext) -> TYPE_RESPONSE:
        if context.operation_model.name not in _ITEM_OPERATIONS or not isinstance(self._result, dict):
            self._result = dynamo_to_dict(self._result)
            return execute_result(self, context)
        body = json.dumps(wire(self._result), separators=(",", ":"))
        return 200, {"Content-Type": "application/x-amz-json-1.0"}, body

    return [
        Replacement(DynamoResult, "__init__", raw_result),
        Replacement(DynamoResult, "execute_result", direct_execute_result),
    ]
