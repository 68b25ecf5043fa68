# flake8: noqa

# import apis into api package
from shopeasy_client.api.auth_api import AuthApi
from shopeasy_client.api.cart_api import CartApi
from shopeasy_client.api.categories_api import CategoriesApi
from shopeasy_client.api.orders_api import OrdersApi
from shopeasy_client.api.payments_api import PaymentsApi
from shopeasy_client.api.products_api import ProductsApi
from shopeasy_client.api.reviews_api import ReviewsApi
from shopeasy_client.api.users_api import UsersApi

