// Resolves CloudFormation intrinsics across the prod stacks. The CDK writes cross-stack references
// as weak ones (Fn::GetStackOutput, Fn::ImportValue, SSM parameters, or plain physical names), so a
// value resolves to the resources it names (an address) or else to text matched later by name.
import { allResources, isRecord, listOf, property, type Address, type Stack } from './assembly.js';

export type Resolved = { readonly address: Address } | { readonly text: string };

const PSEUDO: Record<string, string> = {
  'AWS::Partition': 'aws',
  'AWS::URLSuffix': 'amazonaws.com',
  'AWS::Region': '{region}',
  'AWS::AccountId': '{account}',
};

export class Resolver {
  /** References that lead outside the assembly (e.g. SSM parameters that Terraform writes). */
  readonly unresolved = new Set<string>();
  private readonly ssm = new Map<string, Address>();

  constructor(private readonly stacks: readonly Stack[]) {
    for (const { stack, logicalId, resource } of allResources(stacks)) {
      const name = property(resource, 'Name');
      if (resource.Type === 'AWS::SSM::Parameter' && typeof name === 'string')
        this.ssm.set(name, { stack, logicalId });
    }
  }

  /** What a value in a stack's template names: resources where it refers to them, text otherwise. */
  resolve(value: unknown, stack: string, depth = 0): Resolved[] {
    if (depth > 20) return [];
    const again = (v: unknown, s = stack): Resolved[] => this.resolve(v, s, depth + 1);
    if (typeof value === 'string') return [{ text: value }];
    if (typeof value === 'number' || typeof value === 'boolean') return [{ text: String(value) }];
    if (Array.isArray(value)) return value.flatMap((v) => again(v));
    if (!isRecord(value)) return [];
    const [fn, arg] = Object.entries(value)[0] ?? [];
    switch (fn) {
      case 'Ref':
        return typeof arg === 'string' ? this.ref(arg, stack, depth) : [];
      case 'Fn::GetAtt': {
        const target = Array.isArray(arg) ? arg[0] : String(arg).split('.')[0];
        return typeof target === 'string' ? this.ref(target, stack, depth) : [];
      }
      case 'Fn::Join': {
        const [separator, parts] = Array.isArray(arg) ? arg : [];
        return combine(
          listOf(parts).map((part) => again(part)),
          String(separator ?? ''),
        );
      }
      case 'Fn::Sub':
        return this.sub(arg, stack, depth);
      case 'Fn::GetStackOutput': {
        const output = isRecord(arg) ? this.output(arg.StackName, (o, k) => k === arg.OutputName) : undefined;
        if (output) return again(output.value, output.stack);
        this.unresolved.add(`stack output ${JSON.stringify(arg)}`);
        return [];
      }
      case 'Fn::ImportValue': {
        const name = texts(again(arg))[0];
        const output = this.output(undefined, (o) => texts(again(o.Export?.Name)).includes(name ?? ''));
        if (output) return again(output.value, output.stack);
        this.unresolved.add(`export ${name ?? JSON.stringify(arg)}`);
        return [];
      }
      case 'Fn::Split': {
        const [separator, source] = Array.isArray(arg) ? arg : [];
        return texts(again(source)).flatMap((t) => t.split(String(separator)).map((text) => ({ text })));
      }
      case 'Fn::Select': {
        const [index, list] = Array.isArray(arg) ? arg : [];
        const item = again(list)[Number(index)];
        return item ? [item] : [];
      }
      default:
        return [];
    }
  }

  private ref(name: string, stack: string, depth: number): Resolved[] {
    if (name in PSEUDO) return [{ text: PSEUDO[name] as string }];
    const template = this.stacks.find((s) => s.name === stack)?.template;
    if (template?.Resources?.[name]) return [{ address: { stack, logicalId: name } }];
    const parameter = template?.Parameters?.[name];
    if (parameter?.Type?.startsWith('AWS::SSM::Parameter') && typeof parameter.Default === 'string') {
      const found = this.ssm.get(parameter.Default);
      if (found) return this.resolve(property(this.resourceAt(found), 'Value'), found.stack, depth + 1);
      this.unresolved.add(`SSM parameter ${parameter.Default}`);
      return [];
    }
    this.unresolved.add(`Ref ${name} in ${stack}`);
    return [];
  }

  private sub(arg: unknown, stack: string, depth: number): Resolved[] {
    const [source, variables] = Array.isArray(arg) ? arg : [arg, {}];
    if (typeof source !== 'string') return [];
    const pieces = source.split(/(\$\{[^}]+\})/).map((piece): Resolved[] => {
      const name = /^\$\{([^}!]+)\}$/.exec(piece)?.[1];
      if (!name) return [{ text: piece }];
      if (isRecord(variables) && name in variables) return this.resolve(variables[name], stack, depth + 1);
      const [target] = name.split('.');
      return this.ref(target ?? name, stack, depth + 1);
    });
    return combine(pieces, '');
  }

  private output(
    stackName: unknown,
    matches: (output: { Value?: unknown; Export?: { Name?: unknown } }, key: string) => boolean,
  ): { value: unknown; stack: string } | undefined {
    for (const stack of this.stacks) {
      if (stackName !== undefined && stack.stackName !== stackName) continue;
      for (const [key, output] of Object.entries(stack.template.Outputs ?? {}))
        if (matches(output, key)) return { value: output.Value, stack: stack.name };
    }
    return undefined;
  }

  private resourceAt(address: Address) {
    return this.stacks.find((s) => s.name === address.stack)?.template.Resources?.[address.logicalId];
  }
}

/** The texts among resolved values. */
export function texts(values: readonly Resolved[]): string[] {
  return values.flatMap((v) => ('text' in v ? [v.text] : []));
}

/** The addresses among resolved values. */
export function addresses(values: readonly Resolved[]): Address[] {
  return values.flatMap((v) => ('address' in v ? [v.address] : []));
}

// A joined value names the resources in it (an ARN built from a Ref), else it is the joined text.
function combine(parts: readonly Resolved[][], separator: string): Resolved[] {
  const named = parts.flatMap((part) => addresses(part));
  if (named.length > 0) return named.map((address) => ({ address }));
  return [{ text: parts.map((part) => texts(part)[0] ?? '').join(separator) }];
}
