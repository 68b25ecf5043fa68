import { PeerUnavailableError } from '@shopeasy/service-kit/calls';
import { AppError, type FieldError, problemType } from '@shopeasy/service-kit/errors';
import type { OrderStatus, StoredResponse } from './model.js';

export class EmptyCartError extends AppError {
  constructor() {
    super(409, 'Cart is empty', 'Add products to the cart before checking out.');
  }

  override get type(): string {
    return problemType('empty-cart');
  }
}

export class IdempotencyKeyReusedError extends AppError {
  constructor() {
    super(
      409,
      'Idempotency key reused',
      'This Idempotency-Key was already used with a different request body.',
      [{ field: 'header.idempotency-key', message: 'was already used with a different request body' }],
    );
  }
}

export class CheckoutInProgressError extends AppError {
  constructor() {
    super(
      409,
      'Checkout in progress',
      'A checkout with this Idempotency-Key is still being processed; retry in a few seconds.',
      [],
      { 'Retry-After': '2' },
    );
  }
}

export class InvalidTransitionError extends AppError {
  constructor(orderId: string, status: OrderStatus, action: string) {
    super(
      409,
      'Order status does not allow this change',
      `Order ${orderId} is ${status.replace('_', ' ')} and can no longer be ${action}.`,
    );
  }

  override get type(): string {
    return problemType('invalid-order-transition');
  }
}

export class OrderNotFoundError extends AppError {
  constructor(orderId: string) {
    super(404, 'Resource not found', `Order ${orderId} does not exist.`);
  }

  override get type(): string {
    return problemType('not-found');
  }
}

/** Stock is short or a product is no longer sold; `errors` names each line. */
export class StockUnavailableError extends Error {
  constructor(
    readonly code: 'out_of_stock' | 'unavailable',
    readonly detail: string,
    readonly errors: FieldError[],
  ) {
    super(detail);
    this.name = 'StockUnavailableError';
  }
}

/** A dependency (cart, catalog, payment provider, event topic) did not answer; the step can be retried. */
export function dependencyUnavailable(dependency: string, cause: unknown): PeerUnavailableError {
  const detail = `The ${dependency} is not available right now; retry with the same Idempotency-Key.`;
  return new PeerUnavailableError(dependency, { detail, cause });
}

/** A problem answer stored with an idempotency key, answered again as it was the first time. */
export class StoredProblemError extends AppError {
  readonly #type: string;

  constructor(response: StoredResponse) {
    const problem = response.problem ?? {
      type: problemType('conflict'),
      title: 'Conflict',
      detail: 'Conflict',
    };
    super(response.status, problem.title, problem.detail, problem.errors ?? []);
    this.#type = problem.type;
  }

  override get type(): string {
    return this.#type;
  }
}
