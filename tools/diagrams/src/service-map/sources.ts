// Reading the repository's code as text: which components exist and what their sources say.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** A deployable part of ShopEasy: an ECS service, a Lambda function or the gateway. */
export interface Component {
  /** Kebab-case name, as its folder is named (`cart-events`). */
  readonly name: string;
  readonly kind: 'service' | 'function' | 'gateway';
  /** Its folder, relative to the repository root. */
  readonly folder: string;
}

const folders = (root: string, parent: string) =>
  existsSync(join(root, parent))
    ? readdirSync(join(root, parent))
        .filter((name) => existsSync(join(root, parent, name, 'src')))
        .sort()
    : [];

/** Every service under services/, function under functions/, and the gateway. */
export function components(root: string): Component[] {
  return [
    ...folders(root, 'services').map((name) => ({
      name,
      kind: 'service' as const,
      folder: `services/${name}`,
    })),
    ...folders(root, 'functions').map((name) => ({
      name,
      kind: 'function' as const,
      folder: `functions/${name}`,
    })),
    { name: 'gateway', kind: 'gateway', folder: 'gateway' },
  ];
}

/** The text of one file of a component, or '' when it has none. */
export function readSource(root: string, component: Component, file: string): string {
  const path = join(root, component.folder, file);
  return existsSync(path) ? readFileSync(path, 'utf8') : '';
}

/** Every TypeScript source of a component (src/, tests excluded), concatenated in a stable order. */
export function allSources(root: string, component: Component): string {
  const texts: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir).sort()) {
      const path = join(dir, entry);
      if (statSync(path).isDirectory()) walk(path);
      else if (entry.endsWith('.ts') && !entry.endsWith('.d.ts')) texts.push(readFileSync(path, 'utf8'));
    }
  };
  const src = join(root, component.folder, 'src');
  if (existsSync(src)) walk(src);
  return texts.join('\n');
}

/** `cartEvents` → `cart-events`: SERVICE_ACCESS names to folder names. */
export const kebab = (name: string) => name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
