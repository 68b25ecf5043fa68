"""What each concern module hands install(): a moto attribute and the function that replaces it."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, NamedTuple


class Replacement(NamedTuple):
    owner: type
    name: str
    function: Callable[..., Any]
