import type { ErrorRequestHandler, Request, Response } from 'express';
import { AppError, ValidationError } from './errors.js';
import type { Logger } from './logger.js';
import type { Answer } from './response-check.js';

const PROBLEM = 'application/problem+json';

/** The answer that replaces one breaking the contract when responses are strict (tests). */
export class ContractBreachError extends AppError {
  constructor() {
    super(500, 'Internal Server Error', 'The response broke the contract.');
  }
}

/** Whether a problem about to be sent honours the contract; false replaces it by a 500. */
export type ProblemCheck = (req: Request, res: Response, answer: Answer) => boolean;

/** The RFC 9457 body of a problem (shared with the answers to requests the parser refuses). */
export function problemBody(error: AppError, instance?: string) {
  return {
    type: error.type,
    title: error.title,
    status: error.status,
    detail: error.message,
    ...(instance ? { instance } : {}),
    ...(error.errors.length > 0 ? { errors: error.errors } : {}),
  };
}

/** Writes an RFC 9457 problem+json response. */
export function sendProblem(res: Response, error: AppError, instance?: string): void {
  res.status(error.status).set(error.headers).type(PROBLEM);
  res.send(JSON.stringify(problemBody(error, instance)));
}

/** The one error middleware: known errors become their problem, anything else a logged 500. */
export function problemHandler(
  logger: Logger,
  honoursContract: ProblemCheck = () => true,
): ErrorRequestHandler {
  return (err: unknown, req, res, next) => {
    // Answered already (503 at the deadline): what failed after that has no one left to tell.
    if (res.writableEnded) return;
    if (res.headersSent) return next(err);
    const error = toAppError(err);
    if (error.status >= 500) logger.error({ err, method: req.method, path: req.path }, 'request failed');
    const answer = { status: error.status, mediaType: PROBLEM, body: problemBody(error, req.originalUrl) };
    // The breach's own 500 is not checked again: strict mode must answer something.
    const honoured = error instanceof ContractBreachError || honoursContract(req, res, answer);
    sendProblem(res, honoured ? error : new ContractBreachError(), req.originalUrl);
  };
}

function toAppError(err: unknown): AppError {
  if (err instanceof AppError) return err;
  // body-parser's errors: malformed JSON and oversized bodies are the client's fault.
  const status = (err as { status?: number; type?: string } | null)?.status;
  const type = (err as { type?: string } | null)?.type;
  if (type === 'entity.parse.failed') {
    return new ValidationError('The request body is not valid JSON.', [
      { field: 'body', message: 'must be valid JSON' },
    ]);
  }
  if (type === 'entity.too.large')
    return new AppError(413, 'Content Too Large', 'The request body is too large.');
  if (status === 415 || type === 'encoding.unsupported') {
    return new AppError(415, 'Unsupported Media Type', 'Send application/json.');
  }
  return new AppError(500, 'Internal Server Error', 'Something went wrong on our side.');
}
