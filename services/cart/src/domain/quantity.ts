import { ValidationError } from '@shopeasy/service-kit/errors';

/** The contract already asks for a positive integer; the use cases hold to it for any caller. */
export function assertQuantity(quantity: number, field: string): void {
  if (!Number.isInteger(quantity) || quantity < 1) {
    throw new ValidationError('The quantity is not valid.', [
      { field, message: 'must be a whole number of at least 1' },
    ]);
  }
}
