import { AppError, problemType, UnauthorizedError } from '@shopeasy/service-kit/errors';

// Problem types as the users contract's examples name them, so clients can branch on `type`.

export class EmailTakenError extends AppError {
  constructor() {
    super(409, 'Email already registered', 'An account with this email already exists.', [
      { field: 'body.email', message: 'is already registered' },
    ]);
  }

  override get type(): string {
    return problemType('email-taken');
  }
}

/** The one answer for an unknown email and a wrong password alike. */
export class InvalidCredentialsError extends UnauthorizedError {
  constructor() {
    super('The email or password is incorrect.');
  }

  override get type(): string {
    return problemType('invalid-credentials');
  }
}

export class InvalidRefreshTokenError extends UnauthorizedError {
  constructor() {
    super('The refresh token is expired or has been revoked.');
  }

  override get type(): string {
    return problemType('invalid-refresh-token');
  }
}

/** The token was valid but its account no longer exists. */
export class UnknownAccountError extends UnauthorizedError {
  constructor() {
    super('The account of this access token no longer exists.');
  }
}
