/** What a created resource answers to `Ref` (key `Ref`) and to `Fn::GetAtt` (other keys). */
export type ResourceAttributes = Record<string, string>;

export interface ResolveContext {
  readonly account: string;
  readonly region: string;
  readonly stackName: string;
  readonly attributes: ReadonlyMap<string, ResourceAttributes>;
}

/** Marks a property whose value is `Ref: AWS::NoValue`; such properties are dropped. */
const NO_VALUE = Symbol('AWS::NoValue');

function pseudo(name: string, ctx: ResolveContext): string | typeof NO_VALUE {
  switch (name) {
    case 'AWS::AccountId':
      return ctx.account;
    case 'AWS::Region':
      return ctx.region;
    case 'AWS::Partition':
      return 'aws';
    case 'AWS::URLSuffix':
      return 'amazonaws.com';
    case 'AWS::StackName':
      return ctx.stackName;
    case 'AWS::NoValue':
      return NO_VALUE;
    default:
      throw new Error(`Unsupported pseudo parameter ${name}`);
  }
}

function attribute(id: string, name: string, ctx: ResolveContext): string {
  const attrs = ctx.attributes.get(id);
  if (!attrs) throw new Error(`${id} is referenced before it was created`);
  const value = attrs[name];
  if (value === undefined) throw new Error(`${id} has no attribute ${name}`);
  return value;
}

function ref(name: string, ctx: ResolveContext): string | typeof NO_VALUE {
  return name.startsWith('AWS::') ? pseudo(name, ctx) : attribute(name, 'Ref', ctx);
}

function sub(template: string, vars: Record<string, unknown>, ctx: ResolveContext): string {
  return template.replace(/\$\{([^}!]+)\}/g, (_, name: string) => {
    if (name in vars) return String(vars[name]);
    if (name.startsWith('AWS::')) return String(pseudo(name, ctx));
    const [id, attr] = name.split('.', 2) as [string, string | undefined];
    return attr ? attribute(id, attr, ctx) : attribute(id, 'Ref', ctx);
  });
}

function intrinsic(key: string, arg: unknown, ctx: ResolveContext): unknown {
  switch (key) {
    case 'Ref':
      return ref(String(arg), ctx);
    case 'Fn::GetAtt': {
      const [id, name] = Array.isArray(arg) ? arg.map(String) : String(arg).split('.', 2);
      return attribute(String(id), String(name), ctx);
    }
    case 'Fn::Join': {
      const [sep, parts] = arg as [string, unknown[]];
      return (resolve(parts, ctx) as unknown[]).join(sep);
    }
    case 'Fn::Sub': {
      if (typeof arg === 'string') return sub(arg, {}, ctx);
      const [text, vars] = arg as [string, Record<string, unknown>];
      return sub(text, resolve(vars, ctx) as Record<string, unknown>, ctx);
    }
    case 'Fn::Select': {
      const [index, list] = resolve(arg, ctx) as [string | number, unknown[]];
      return list[Number(index)];
    }
    case 'Fn::Split': {
      const [sep, text] = resolve(arg, ctx) as [string, string];
      return text.split(sep);
    }
    default:
      throw new Error(`Unsupported intrinsic function ${key}`);
  }
}

/** Resolves Ref, Fn::GetAtt, Fn::Join, Fn::Sub, Fn::Select and Fn::Split against created resources. */
export function resolve(value: unknown, ctx: ResolveContext): unknown {
  if (Array.isArray(value)) {
    return value.map((v) => resolve(v, ctx)).filter((v) => v !== NO_VALUE);
  }
  if (value && typeof value === 'object') {
    const entries = Object.entries(value);
    const only = entries.length === 1 ? entries[0] : undefined;
    if (only && (only[0] === 'Ref' || only[0].startsWith('Fn::'))) return intrinsic(only[0], only[1], ctx);
    const out: Record<string, unknown> = {};
    for (const [k, v] of entries) {
      const resolved = resolve(v, ctx);
      if (resolved !== NO_VALUE) out[k] = resolved;
    }
    return out;
  }
  return value;
}
