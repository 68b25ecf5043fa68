import { exactUpstreamUrl } from '../path-guard.js';
import type { Route } from './compile.js';

type Segment = { literal: string } | { param: string };

/** One path template with the operations it serves, by method. */
interface Resource {
  path: string;
  segments: Segment[];
  methods: Map<string, Route>;
}

export type RouteMatch =
  | { kind: 'found'; route: Route; params: Record<string, string> }
  | { kind: 'method-not-allowed'; allowed: string[] }
  | { kind: 'not-found' };

/**
 * Finds the operation for a method and path the way API Gateway does: the most specific resource
 * wins (a literal segment beats a path parameter), then the method decides between the operation,
 * 405 and 404. Path parameters are kept percent-encoded, so they reach the service as sent.
 */
export class RouteTable {
  private readonly resources: Resource[];

  constructor(readonly routes: readonly Route[]) {
    const byPath = new Map<string, Resource>();
    for (const route of routes) {
      const resource = byPath.get(route.path) ?? {
        path: route.path,
        segments: parse(route.path),
        methods: new Map(),
      };
      if (resource.methods.has(route.method))
        throw new Error(`${route.method} ${route.path} is defined twice.`);
      resource.methods.set(route.method, route);
      byPath.set(route.path, resource);
    }
    this.resources = [...byPath.values()].sort((a, b) => compareSpecificity(a.segments, b.segments));
  }

  match(method: string, pathname: string): RouteMatch {
    const found = this.resourceFor(pathname);
    if (!found) return { kind: 'not-found' };
    const route = found.resource.methods.get(method.toUpperCase());
    if (!route) return { kind: 'method-not-allowed', allowed: [...found.resource.methods.keys()] };
    return { kind: 'found', route, params: found.params };
  }

  /** The methods served at a path (for CORS preflight and `Allow`); empty for an unknown path. */
  methodsAt(pathname: string): string[] {
    return [...(this.resourceFor(pathname)?.resource.methods.keys() ?? [])];
  }

  /**
   * The service URL a matched request goes to: the integration URI with its path parameters and
   * the query. A 400 when URL parsing would turn it into another path than the one matched.
   */
  upstreamUrl(route: Route, params: Record<string, string>, search: string): string {
    const path = route.upstreamPath.replace(
      /\{([^}]+)\}/g,
      (_, name: string) => params[route.pathParams[name] ?? ''] ?? '',
    );
    return exactUpstreamUrl(route.upstreamBase, path, search);
  }

  private resourceFor(pathname: string): { resource: Resource; params: Record<string, string> } | undefined {
    const parts = pathname.split('/');
    // Dot segments would let a path parameter climb out of its resource at the service.
    if (parts.some((p) => p === '.' || p === '..')) return undefined;
    for (const resource of this.resources) {
      const params = matchSegments(resource.segments, parts);
      if (params) return { resource, params };
    }
    return undefined;
  }
}

function parse(path: string): Segment[] {
  return path.split('/').map((part) => {
    const param = /^\{([^}+]+)\}$/.exec(part)?.[1];
    return param ? { param } : { literal: part };
  });
}

function matchSegments(segments: Segment[], parts: string[]): Record<string, string> | undefined {
  if (segments.length !== parts.length) return undefined;
  const params: Record<string, string> = {};
  for (const [i, segment] of segments.entries()) {
    const part = parts[i] ?? '';
    if ('literal' in segment) {
      if (segment.literal !== part) return undefined;
    } else {
      if (part === '') return undefined;
      params[segment.param] = part;
    }
  }
  return params;
}

function compareSpecificity(a: Segment[], b: Segment[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const aLiteral = 'literal' in (a[i] ?? {});
    const bLiteral = 'literal' in (b[i] ?? {});
    if (aLiteral !== bLiteral) return aLiteral ? -1 : 1;
  }
  return 0;
}
