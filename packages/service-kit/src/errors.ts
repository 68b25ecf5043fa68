// Every problem type URI starts here; the rest names the problem, for example …/problems/not-found.
const PROBLEM_TYPE_BASE = 'https://shopeasy.example/problems/';

/** The problem type URI for a slug such as `login-backoff`. */
export function problemType(slug: string): string {
  return `${PROBLEM_TYPE_BASE}${slug}`;
}

/** A field-level problem reported in a problem+json `errors` list. */
export interface FieldError {
  field: string;
  message: string;
}

/** Base of every error a ShopEasy service answers with on purpose (RFC 9457 problem+json). */
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    detail?: string,
    readonly errors: FieldError[] = [],
    readonly headers: Record<string, string> = {},
  ) {
    super(detail ?? title);
    this.name = new.target.name;
  }

  /** Problem type URI: stable per class of error so clients can branch on it. */
  get type(): string {
    return problemType(this.title.toLowerCase().replace(/[^a-z0-9]+/g, '-'));
  }
}

export class ValidationError extends AppError {
  constructor(detail: string, errors: FieldError[] = []) {
    super(400, 'Bad Request', detail, errors);
  }
}

export class UnauthorizedError extends AppError {
  constructor(detail = 'A valid bearer token is required.') {
    super(401, 'Unauthorized', detail, [], { 'WWW-Authenticate': 'Bearer' });
  }
}

export class ForbiddenError extends AppError {
  constructor(detail = 'You are not allowed to do this.') {
    super(403, 'Forbidden', detail);
  }
}

export class NotFoundError extends AppError {
  constructor(detail = 'The resource does not exist.') {
    super(404, 'Not Found', detail);
  }
}

export class MethodNotAllowedError extends AppError {
  constructor(detail = 'The method is not allowed on this resource.') {
    super(405, 'Method Not Allowed', detail);
  }
}

export class ConflictError extends AppError {
  constructor(detail: string, errors: FieldError[] = []) {
    super(409, 'Conflict', detail, errors);
  }
}

export class UnprocessableError extends AppError {
  constructor(detail: string, errors: FieldError[] = []) {
    super(422, 'Unprocessable Entity', detail, errors);
  }
}

export class TooManyRequestsError extends AppError {
  constructor(retryAfterSeconds: number, detail = 'Too many requests; slow down.') {
    super(429, 'Too Many Requests', detail, [], { 'Retry-After': String(retryAfterSeconds) });
  }
}

export class ServiceUnavailableError extends AppError {
  constructor(detail = 'The service is not available right now.', retryAfterSeconds = 2) {
    super(503, 'Service Unavailable', detail, [], { 'Retry-After': String(retryAfterSeconds) });
  }
}

/** The request ran out of its time budget: answered 503 with Retry-After, never left hanging. */
export class DeadlineExceededError extends ServiceUnavailableError {
  constructor() {
    super('The request could not be completed in time; retry shortly.');
  }
}
