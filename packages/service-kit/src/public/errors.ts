// The errors a service answers with on purpose, as RFC 9457 problem+json.
export {
  AppError,
  ConflictError,
  DeadlineExceededError,
  ForbiddenError,
  NotFoundError,
  problemType,
  ServiceUnavailableError,
  TooManyRequestsError,
  UnauthorizedError,
  UnprocessableError,
  ValidationError,
  type FieldError,
} from '../errors.js';
