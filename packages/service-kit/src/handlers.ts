import type { Principal } from './auth.js';

// Types that turn the openapi-typescript `operations` of a contract into handler signatures, so
// that a missing handler, or one returning a shape or status the contract does not list, fails tsc.

type SuccessStatus = 200 | 201 | 202 | 204;
type JsonOf<R> = R extends { content: { 'application/json': infer B } } ? B : undefined;
type Field<T, K extends string> = T extends { [P in K]?: infer V } ? Exclude<V, undefined> : never;

type OrEmpty<T> = [T] extends [never] ? Record<string, never> : T;

/** A successful reply the contract allows for the operation. */
export type Reply<Op> = Op extends { responses: infer R }
  ? {
      [S in Extract<keyof R, SuccessStatus>]: JsonOf<R[S]> extends undefined
        ? { status: S; body?: undefined; headers?: Record<string, string> }
        : { status: S; body: JsonOf<R[S]>; headers?: Record<string, string> };
    }[Extract<keyof R, SuccessStatus>]
  : never;

/** The validated request as a handler sees it. */
export interface HandlerInput<Op> {
  params: OrEmpty<Field<Field<Op, 'parameters'>, 'path'>>;
  query: OrEmpty<Field<Field<Op, 'parameters'>, 'query'>>;
  headers: Record<string, string | undefined>;
  body: JsonOf<Field<Op, 'requestBody'>>;
  /** The body's bytes exactly as received, for checking a signature made over them. */
  rawBody?: Buffer;
  /** Set on operations the contract secures; undefined on public ones. */
  principal: Principal | undefined;
}

/** One handler per operation of the contract. */
export type Handlers<Ops> = {
  [K in keyof Ops]: (input: HandlerInput<Ops[K]>) => Promise<Reply<Ops[K]>>;
};

/** The same, untyped: what the app factory dispatches to. */
export type AnyHandler = (input: HandlerInput<unknown>) => Promise<{
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}>;
