import { AppError, type FieldError } from '@shopeasy/service-kit/errors';

/** 409 with the problem type `…/problems/out-of-stock`, listing each short line. */
export class OutOfStockError extends AppError {
  constructor(detail: string, errors: FieldError[]) {
    super(409, 'Out of stock', detail, errors);
  }
}

/** 404 naming the lines whose product does not exist (or was deleted). */
export class UnknownProductsError extends AppError {
  constructor(detail: string, errors: FieldError[]) {
    super(404, 'Not Found', detail, errors);
  }
}
