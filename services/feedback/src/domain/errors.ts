import { AppError, NotFoundError, problemType } from '@shopeasy/service-kit/errors';

/** A second review of a product by the same customer, once the first was accepted. */
export class AlreadyReviewedError extends AppError {
  constructor(productId: string) {
    super(409, 'Product already reviewed', `You have already reviewed ${productId}.`);
  }

  override get type(): string {
    return problemType('already-reviewed');
  }
}

export class ProductNotFoundError extends NotFoundError {
  constructor(productId: string) {
    super(`Product ${productId} does not exist.`);
  }
}

export class ReviewNotFoundError extends NotFoundError {
  constructor(reviewId: string) {
    super(`Review ${reviewId} does not exist.`);
  }
}
