"""ShopEasy auth for schemathesis: a customer token, or the admin's where the contract asks for it.

The gate (tests/contract/src/schemathesis.ts) passes the gateway and both accounts in the environment.
"""

import os

import requests
import schemathesis

GATEWAY = os.environ["SHOPEASY_GATEWAY_URL"]
ACCOUNTS = {
    "customer": (os.environ["SHOPEASY_CUSTOMER_EMAIL"], os.environ["SHOPEASY_CUSTOMER_PASSWORD"]),
    "admin": (os.environ["SHOPEASY_ADMIN_EMAIL"], os.environ["SHOPEASY_ADMIN_PASSWORD"]),
}


def role_for(case, context):
    # Admin-only operations say so with x-shopeasy-roles; every other one is a customer's.
    roles = context.operation.definition.raw.get("x-shopeasy-roles") or []
    return "admin" if "admin" in roles else "customer"


# Access tokens live 900 s; refreshing every 300 s keeps a long stateful run authenticated.
@schemathesis.auth(cache_by_key=role_for, refresh_interval=300)
class ShopEasyAuth:
    def get(self, case, context):
        email, password = ACCOUNTS[role_for(case, context)]
        response = requests.post(
            f"{GATEWAY}/v1/auth/login", json={"email": email, "password": password}, timeout=30
        )
        response.raise_for_status()
        return response.json()["accessToken"]

    def set(self, case, data, context):
        case.headers = case.headers or {}
        case.headers["Authorization"] = f"Bearer {data}"
