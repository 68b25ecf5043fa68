import {
  AppError,
  ConflictError,
  NotFoundError,
  problemType,
  UnauthorizedError,
  UnprocessableError,
} from '@shopeasy/service-kit/errors';

export class NotInCartError extends NotFoundError {
  constructor(productId: string) {
    super(`Product ${productId} is not in the cart.`);
  }
}

/** Unknown, inactive or deleted: the catalog does not sell it to shoppers. */
export class ProductUnavailableError extends UnprocessableError {
  constructor(productId: string, field: string) {
    super(`Product ${productId} is not for sale.`, [{ field, message: 'is not a product for sale' }]);
  }
}

export class QuantityLimitError extends UnprocessableError {
  constructor(limit: number, inCart: number, field = 'body.quantity') {
    const held = inCart > 0 ? `; the cart already holds ${inCart}` : '';
    super(`A cart line holds at most ${limit} units${held}.`, [
      { field, message: `must bring the line to at most ${limit} units${held}` },
    ]);
  }
}

export class OutOfStockError extends AppError {
  constructor(productId: string, stock: number, inCart: number) {
    const held = inCart > 0 ? ` (the cart already holds ${inCart})` : '';
    super(
      409,
      'Out of stock',
      `Only ${stock} ${stock === 1 ? 'unit' : 'units'} of ${productId} ${stock === 1 ? 'is' : 'are'} in stock${held}.`,
      [{ field: 'body.quantity', message: `must bring the line to at most ${stock} units, the stock` }],
    );
  }

  // The problem type contracts/cart.yaml names, so clients can branch on `type`.
  override get type(): string {
    return problemType('out-of-stock');
  }
}

export class CurrencyMismatchError extends UnprocessableError {
  constructor(productCurrency: string, cartCurrency: string) {
    super(`The product is priced in ${productCurrency}; this cart holds ${cartCurrency}.`, [
      { field: 'body.productId', message: `is priced in ${productCurrency}, not the cart's ${cartCurrency}` },
    ]);
  }
}

export class CartFullError extends UnprocessableError {
  constructor(maxLines: number) {
    super(`A cart holds at most ${maxLines} different products.`, [
      { field: 'body.productId', message: `would be product number ${maxLines + 1} in the cart` },
    ]);
  }
}

/** Other requests kept changing the same cart while this one tried to save. */
export class CartBusyError extends ConflictError {
  constructor() {
    super('The cart was changed by other requests at the same time; try again.');
  }
}

/**
 * The cart token names no guest cart at all (never started, or its cart deleted by TTL): a
 * credential that is not one, so 401 like a bad bearer token.
 */
export class UnknownCartTokenError extends UnauthorizedError {
  constructor() {
    super('The cart token is not known: start a guest cart with POST /v1/carts, or sign in.');
  }
}

/** The cart token names no open guest cart: unknown, expired or already merged. */
export class GuestCartNotFoundError extends NotFoundError {
  constructor() {
    super('No guest cart answers to this cart token; it may have expired or been merged.');
  }
}
