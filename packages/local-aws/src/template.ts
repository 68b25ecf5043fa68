export interface TemplateResource {
  readonly Type: string;
  readonly Properties?: Record<string, unknown>;
  readonly DependsOn?: string | string[];
}

export interface Template {
  readonly Resources: Record<string, TemplateResource>;
  readonly Outputs?: Record<string, { readonly Value: unknown; readonly Export?: { readonly Name: string } }>;
}

/** The templates of one cloud environment that define how its components run. */
export interface CloudTemplates {
  readonly environment: string;
  /** Where it is deployed: the account and region its ARNs and URLs name. */
  readonly account: string;
  readonly region: string;
  /** Its data stack: the resources the others import. */
  readonly data: Template;
  /** The ECS task definitions of the five services. */
  readonly services: Template;
  /** The notifications function. */
  readonly notifications: Template;
  /** The API, whose authorizer function checks tokens as the local gateway does. */
  readonly api: Template;
}

/** Logical ids of the resources of one type, in template order. */
export function resourcesOfType(template: Template, type: string): [string, TemplateResource][] {
  return Object.entries(template.Resources).filter(([, r]) => r.Type === type);
}

/** Logical ids this value refers to through Ref / Fn::GetAtt (pseudo parameters excluded). */
export function references(value: unknown, into = new Set<string>()): Set<string> {
  if (Array.isArray(value)) {
    for (const v of value) references(v, into);
  } else if (value && typeof value === 'object') {
    for (const [key, v] of Object.entries(value)) {
      if (key === 'Ref' && typeof v === 'string' && !v.startsWith('AWS::')) into.add(v);
      else if (key === 'Fn::GetAtt') into.add(Array.isArray(v) ? String(v[0]) : String(v).split('.', 1)[0]!);
      else references(v, into);
    }
  }
  return into;
}

/** The resources that must exist before this one: those it refers to, and its DependsOn. */
export function dependencies(resource: TemplateResource): Set<string> {
  const deps = references(resource.Properties);
  for (const d of [resource.DependsOn ?? []].flat()) deps.add(d);
  return deps;
}

/** Resource ids ordered so that every resource comes after the resources it refers to. */
export function creationOrder(template: Template): string[] {
  const order: string[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (id: string) => {
    if (state.get(id) === 'done') return;
    if (state.get(id) === 'visiting') throw new Error(`Circular reference through ${id}`);
    state.set(id, 'visiting');
    const resource = template.Resources[id];
    if (!resource) throw new Error(`Template refers to unknown resource ${id}`);
    for (const dep of dependencies(resource)) visit(dep);
    state.set(id, 'done');
    order.push(id);
  };
  for (const id of Object.keys(template.Resources)) visit(id);
  return order;
}
