"""A partner's first calls with the generated Python client, against the Prism mock or a live
ShopEasy (SHOPEASY_BASE_URL)."""

import os
import uuid

import pytest
import shopeasy_client

BASE_URL = os.environ["SHOPEASY_BASE_URL"]
# The mock answers every call with the contract's fixed examples and accepts any bearer token.
ON_MOCK = BASE_URL == os.environ.get("MOCK_URL")
mock_only = pytest.mark.skipif(not ON_MOCK, reason="relies on the mock's fixed examples")

SHIPPING_ADDRESS = shopeasy_client.ShippingAddress(
    name="Ada Lovelace", line1="12 St James Square", city="London", postal_code="SW1Y 4JH", country="GB"
)


def api_client(access_token=None):
    config = shopeasy_client.Configuration(host=BASE_URL)
    config.access_token = access_token
    return shopeasy_client.ApiClient(config)


@pytest.fixture(scope="module")
def client():
    # Any token does for the mock; live, browsing is public and each purchase logs in its customer.
    with api_client("partner-access-token" if ON_MOCK else None) as api:
        yield api


def test_when_a_partner_lists_categories_then_typed_categories_come_back(client):
    page = shopeasy_client.CategoriesApi(client).list_categories(limit=20)
    assert len(page.items) > 0
    assert page.items[0].id.startswith("cat_")
    assert page.items[0].name


@mock_only
def test_when_a_partner_logs_in_then_it_gets_a_bearer_token_pair(client):
    tokens = shopeasy_client.AuthApi(client).login(
        shopeasy_client.LoginRequest(email="ada@example.com", password="correct-horse-battery-staple")
    )
    assert tokens.token_type == "Bearer"
    assert tokens.access_token and tokens.refresh_token
    assert tokens.expires_in > 0


def test_when_a_partner_reads_a_product_then_price_is_in_minor_units(client):
    products = shopeasy_client.ProductsApi(client)
    product = products.get_product(products.list_products(limit=1).items[0].id)
    assert isinstance(product.price.amount, int)
    assert len(product.price.currency) == 3


@mock_only
def test_when_a_partner_sends_an_invalid_body_then_the_mock_rejects_it_as_problem_json(client):
    api = shopeasy_client.CategoriesApi(client)
    # Past the client's own checks: the raw request with a body the contract forbids.
    request = api._create_category_serialize(
        create_category_request={"name": ""},
        _request_auth=None,
        _content_type=None,
        _headers=None,
        _host_index=0,
    )
    response = client.call_api(*request)
    response.read()
    assert response.status in (400, 422)
    assert response.getheader("content-type").startswith("application/problem+json")


def first_product_in_stock(client):
    """Browses category by category, as a shop front would, for a product that can be bought."""
    products = shopeasy_client.ProductsApi(client)
    for category in shopeasy_client.CategoriesApi(client).list_categories(limit=50).items:
        for product in products.list_category_products(category.id, limit=50).items:
            if product.stock >= 1:
                return product
    pytest.fail("no product in stock in any category")


def test_when_a_new_customer_buys_a_product_then_the_order_reads_back(client):
    email = f"partner-py-{uuid.uuid4()}@example.com"
    password = "correct-horse-battery-staple"
    auth = shopeasy_client.AuthApi(client)
    register = shopeasy_client.RegisterRequest(email=email, password=password, name="Python Partner")
    user = auth.register_user(register)
    tokens = auth.login(shopeasy_client.LoginRequest(email=email, password=password))
    assert user.role == shopeasy_client.Role.CUSTOMER
    assert tokens.token_type == "Bearer" and tokens.access_token

    product = first_product_in_stock(client)
    with api_client(tokens.access_token) as shopper:
        shown = shopeasy_client.ProductsApi(shopper).get_product(product.id)
        cart = shopeasy_client.CartApi(shopper).add_cart_item(
            shopeasy_client.AddCartItemRequest(product_id=product.id, quantity=1)
        )
        orders = shopeasy_client.OrdersApi(shopper)
        checkout = shopeasy_client.CheckoutRequest(
            payment_method_id="pm_card_visa", shipping_address=SHIPPING_ADDRESS
        )
        order = orders.create_order(str(uuid.uuid4()), checkout)
        read_back = orders.get_order(order.id)

    assert order.status == shopeasy_client.OrderStatus.PAID
    assert (read_back.id, read_back.status, read_back.total) == (order.id, order.status, order.total)
    if not ON_MOCK:
        # Live, every answer is about this customer's own purchase.
        assert user.email == email
        assert shown.id == product.id and shown.stock >= 1
        assert [(line.product_id, line.quantity) for line in cart.items] == [(product.id, 1)]
        assert order.user_id == user.id
        assert [(line.product_id, line.quantity) for line in order.items] == [(product.id, 1)]
        assert order.total == shown.price
        assert read_back.items == order.items and read_back.shipping_address == SHIPPING_ADDRESS
