"""A partner's first calls with the generated Python client, against the Prism mock."""
import os

import pytest
import shopeasy_client


@pytest.fixture(scope="module")
def client():
    config = shopeasy_client.Configuration(host=os.environ["MOCK_URL"])
    config.access_token = "partner-access-token"
    with shopeasy_client.ApiClient(config) as api_client:
        yield api_client


def test_when_a_partner_lists_categories_then_typed_categories_come_back(client):
    page = shopeasy_client.CategoriesApi(client).list_categories(limit=20)
    assert len(page.items) > 0
    assert page.items[0].id.startswith("cat_")
    assert page.items[0].name


def test_when_a_partner_logs_in_then_it_gets_a_bearer_token_pair(client):
    tokens = shopeasy_client.AuthApi(client).login(
        shopeasy_client.LoginRequest(email="ada@example.com", password="correct-horse-battery-staple")
    )
    assert tokens.token_type == "Bearer"
    assert tokens.access_token and tokens.refresh_token
    assert tokens.expires_in > 0


def test_when_a_partner_reads_a_product_then_price_is_in_minor_units(client):
    product = shopeasy_client.ProductsApi(client).get_product("prd_01J9Z3QK8Y4V7N2M5T6R8W0XAB")
    assert isinstance(product.price.amount, int)
    assert len(product.price.currency) == 3


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
