import { readFileSync } from 'node:fs';
import { join } from 'node:path';

// Reads the example requests out of the public bundle: parameters, body and expected status.

type Json = Record<string, unknown>;

export interface ExampleRequest {
  operationId: string;
  method: string;
  /** The path with the example path parameters filled in. */
  path: string;
  query: Record<string, string>;
  headers: Record<string, string>;
  body?: unknown;
  /** The operation's success status: what the example request is documented to get. */
  status: number;
  /** The example response for that status, to learn which ids the stack gave in its place. */
  responseExample?: unknown;
  /** `admin` for admin-only operations, `customer` for other secured ones, none for public ones. */
  role?: 'admin' | 'customer';
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete'];

function resolver(document: Json) {
  return function resolve<T>(node: T): T {
    let current: unknown = node;
    while (current && typeof current === 'object' && '$ref' in current) {
      const ref = (current as { $ref: string }).$ref;
      current = ref
        .slice(2)
        .split('/')
        .reduce<unknown>(
          (at, part) => (at as Json)[part.replaceAll('~1', '/').replaceAll('~0', '~')],
          document,
        );
    }
    return current as T;
  };
}

interface Parameter {
  name: string;
  in: string;
  example?: unknown;
  examples?: Record<string, { value?: unknown }>;
}
interface Media {
  example?: unknown;
  examples?: Record<string, { value?: unknown }>;
}

function exampleOf(resolve: <T>(node: T) => T, holder: Media | Parameter | undefined): unknown {
  if (!holder) return undefined;
  if (holder.example !== undefined) return holder.example;
  const first = Object.values(holder.examples ?? {})[0];
  return first ? resolve(first).value : undefined;
}

/** Every public operation's example request, keyed by operationId. */
export function loadExampleRequests(root: string, bundle: string): Map<string, ExampleRequest> {
  const document = JSON.parse(readFileSync(join(root, bundle), 'utf8')) as Json;
  const resolve = resolver(document);
  const requests = new Map<string, ExampleRequest>();
  for (const [template, item] of Object.entries(document.paths as Record<string, Json>)) {
    for (const method of METHODS) {
      const operation = item[method] as Json | undefined;
      if (!operation) continue;
      const parameters = [
        ...((item.parameters as Parameter[]) ?? []),
        ...((operation.parameters as Parameter[]) ?? []),
      ]
        .map((p) => resolve(p))
        // An operation's own parameter overrides the path's parameter of the same name.
        .reduce((all, p) => all.set(`${p.in}:${p.name}`, p), new Map<string, Parameter>());
      let path = template;
      const query: Record<string, string> = {};
      const headers: Record<string, string> = {};
      for (const parameter of parameters.values()) {
        const value = exampleOf(resolve, parameter);
        if (value === undefined) continue;
        if (parameter.in === 'path') path = path.replace(`{${parameter.name}}`, String(value));
        else if (parameter.in === 'query') query[parameter.name] = String(value);
        else if (parameter.in === 'header') headers[parameter.name] = String(value);
      }
      const requestBody = resolve(operation.requestBody as { content: Record<string, Media> } | undefined);
      const body = requestBody ? exampleOf(resolve, Object.values(requestBody.content)[0]) : undefined;
      const responses = operation.responses as Record<string, { content?: Record<string, Media> }>;
      const status = Math.min(
        ...Object.keys(responses)
          .map(Number)
          .filter((code) => code >= 200 && code < 300),
      );
      const success = resolve(responses[String(status)]);
      const responseExample = success?.content
        ? exampleOf(resolve, Object.values(success.content)[0])
        : undefined;
      const secured =
        ((operation.security as unknown[] | undefined) ?? (document.security as unknown[]) ?? []).length > 0;
      const roles = (operation['x-shopeasy-roles'] as string[] | undefined) ?? [];
      requests.set(operation.operationId as string, {
        operationId: operation.operationId as string,
        method: method.toUpperCase(),
        path,
        query,
        headers,
        body,
        status,
        responseExample,
        role: secured ? (roles.includes('admin') ? 'admin' : 'customer') : undefined,
      });
    }
  }
  return requests;
}
