// The prod stacks of a synthesized assembly, read as plain CloudFormation templates.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface Resource {
  readonly Type: string;
  readonly Properties?: Record<string, unknown>;
}

export interface Template {
  readonly Resources?: Record<string, Resource>;
  readonly Parameters?: Record<string, { Type?: string; Default?: unknown }>;
  readonly Outputs?: Record<string, { Value?: unknown; Export?: { Name?: unknown } }>;
}

export interface Stack {
  /** The stack's short name, e.g. `Data` for ShopEasy-Prod-Data. */
  readonly name: string;
  /** The CloudFormation stack name, e.g. ShopEasy-Prod-Data. */
  readonly stackName: string;
  readonly template: Template;
}

/** Where a resource lives: its stack's name and its logical id. */
export interface Address {
  readonly stack: string;
  readonly logicalId: string;
}

export const PROD_TEMPLATE = /^(ShopEasy-Prod-(.+))\.template\.json$/;

/** Every prod stack of the assembly, sorted by name; an assembly without one is an error. */
export function loadProdStacks(assembly: string): Stack[] {
  if (!existsSync(assembly)) throw new Error(`no assembly at ${assembly}`);
  const stacks: Stack[] = [];
  for (const file of readdirSync(assembly).sort()) {
    const match = PROD_TEMPLATE.exec(file);
    if (!match?.[1] || !match[2]) continue;
    const template = JSON.parse(readFileSync(join(assembly, file), 'utf8')) as Template;
    stacks.push({ name: match[2], stackName: match[1], template });
  }
  if (stacks.length === 0) throw new Error(`no ShopEasy-Prod-*.template.json in ${assembly}`);
  return stacks;
}

/** Every resource of every stack, in a stable order (stack, then logical id). */
export function allResources(stacks: readonly Stack[]): (Address & { resource: Resource })[] {
  return stacks.flatMap((stack) =>
    Object.keys(stack.template.Resources ?? {})
      .sort()
      .map((logicalId) => ({
        stack: stack.name,
        logicalId,
        resource: (stack.template.Resources ?? {})[logicalId] as Resource,
      })),
  );
}

/** A key naming one resource across the assembly. */
export function key(address: Address): string {
  return `${address.stack}/${address.logicalId}`;
}

/** A property of a resource, as unknown JSON. */
export function property(resource: Resource | undefined, name: string): unknown {
  return resource?.Properties?.[name];
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A value that may be one item or a list, as a list. */
export function listOf(value: unknown): unknown[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}
