"""What AWS would bill for the DynamoDB and Kinesis requests the emulator serves, per partition.

ShopEasy's capacity model (`npm run capacity`) reads it after a load run: the emulator is the one
place that sees every DynamoDB and Kinesis call of every local process. DynamoDB requests are
charged by DynamoDB's on-demand rules (dynamodb.py: read and write units, each secondary index's
writes by indexes.py, sizes by sizes.py), from hooks in dynamodb_at_scale (metering.py) that run
under its request lock; Kinesis records and bytes per shard from hooks on moto's Kinesis backend
(kinesis.py). The counters (meter.py) keep one row per distinct key, so memory stays bounded.

serve.py answers GET /_shopeasy/capacity (the reading) and POST /_shopeasy/capacity/reset
(endpoints.py). The meter records from the first reset on; until then every hook only passes the
request through. SHOPEASY_CAPACITY_METER=off leaves every hook out.
"""

from __future__ import annotations

import os

from .dynamodb import DynamoMeter
from .endpoints import CapacityEndpoints
from .meter import Meter

__all__ = ["DYNAMODB", "ENABLED", "METER", "CapacityEndpoints", "DynamoMeter", "Meter", "live"]

ENABLED = os.environ.get("SHOPEASY_CAPACITY_METER", "on").lower() != "off"
METER = Meter()
# The DynamoDB request in progress; None when metering is off, so that every hook is skipped.
DYNAMODB: DynamoMeter | None = DynamoMeter(METER) if ENABLED else None


def live() -> DynamoMeter | None:
    """The DynamoDB meter while it records (from the first reset on), else None."""
    return DYNAMODB if DYNAMODB is not None and METER.active else None
