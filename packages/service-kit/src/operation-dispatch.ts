import type { OpenAPIBackend, Operation } from 'openapi-backend';
import { AppError, ValidationError } from './errors.js';
import type { AnyHandler } from './handlers.js';
import { requestParsing } from './operation-request.js';
import { ContractBreachError } from './problem.js';
import type { Answer } from './response-check.js';
import { NO_STORE } from './response-headers.js';
import { securityCheck, type SecurityOptions } from './security.js';
import { toFieldErrors } from './validation.js';

/** A handler's reply, as the app writes it. */
export type Reply = Awaited<ReturnType<AnyHandler>>;

/** The request as Express gives it, before the contract has read it. */
export interface IncomingRequest {
  method: string;
  path: string;
  query: object;
  headers: object;
  body: unknown;
  /** The body's bytes as received (JSON bodies only). */
  rawBody?: Buffer | undefined;
}

export interface DispatchOptions extends SecurityOptions {
  /** One handler per operationId. */
  handlers: object;
  /** Operations whose replies must not be cached (`noStoreOperations`). */
  noStore: ReadonlySet<string>;
  /** Whether a handler's reply may be sent: false turns it into a ContractBreachError. */
  honoursContract: (operationId: string, answer: Answer) => boolean;
}

/**
 * Runs a request on its already matched operation, as openapi-backend's `handleRequest` would
 * (security, then validation, then the handler, then the response check), but parsing it once
 * and never matching it again.
 */
export function operationDispatch(api: OpenAPIBackend, options: DispatchOptions) {
  const handlers = new Map(Object.entries(options.handlers) as [string, AnyHandler][]);
  for (const operationId of handlers.keys())
    if (!api.getOperation(operationId))
      throw new Error(`Unknown operationId ${operationId}. Refusing to register handler`);
  const { parse, validate } = requestParsing(api);
  const authorize = securityCheck(options);
  return async (operation: Operation, incoming: IncomingRequest): Promise<Reply> => {
    const operationId = operation.operationId ?? '';
    const request = parse(incoming as never, operation);
    const principal = await authorize(request, operation);
    const errors = validate(request, operation);
    if (errors.length > 0) throw new ValidationError('The request is not valid.', toFieldErrors(errors));
    const handler = handlers.get(operationId);
    if (!handler) throw new AppError(501, 'Not Implemented', `${operationId} is not implemented.`);
    const reply = await handler({
      params: request.params as never,
      query: request.query as never,
      headers: request.headers as Record<string, string | undefined>,
      body: request.requestBody as never,
      ...(incoming.rawBody ? { rawBody: incoming.rawBody } : {}),
      principal,
    });
    const answer = { status: reply.status, mediaType: 'application/json', body: reply.body };
    if (!options.honoursContract(operationId, answer)) throw new ContractBreachError();
    return options.noStore.has(operationId)
      ? { ...reply, headers: { ...reply.headers, ...NO_STORE } }
      : reply;
  };
}
