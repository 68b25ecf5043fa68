import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** One statement of an `aws_iam_policy_document`, with locals and the module's JSON resolved. */
export interface PolicyStatement {
  readonly sid: string;
  readonly effect: 'Allow' | 'Deny';
  readonly actions: string[];
  readonly resources: string[];
  readonly conditions: { test: string; variable: string; values: string[] }[];
}

/** The body of each `<keyword> ... {` block in HCL text (braces inside strings are balanced in ours). */
export function blocks(text: string, header: RegExp): string[] {
  const found: string[] = [];
  for (const match of text.matchAll(new RegExp(header.source, `${header.flags.replace('g', '')}g`))) {
    const open = text.indexOf('{', match.index + match[0].length - 1);
    let depth = 0;
    for (let i = open; i < text.length; i++) {
      if (text[i] === '{') depth++;
      else if (text[i] === '}' && --depth === 0) {
        found.push(text.slice(open + 1, i));
        break;
      }
    }
  }
  return found;
}

/** The text after `name =` up to the end of its value (a bracketed list or the line). */
function attribute(body: string, name: string): string | undefined {
  const match = new RegExp(`^\\s*${name}\\s*=\\s*`, 'm').exec(body);
  if (!match) return undefined;
  const start = match.index + match[0].length;
  if (!'[('.includes(body[start]!) && !body.slice(start).startsWith('distinct(')) {
    return body.slice(start, body.indexOf('\n', start)).trim();
  }
  let depth = 0;
  for (let i = start; i < body.length; i++) {
    if ('[('.includes(body[i]!)) depth++;
    else if (')]'.includes(body[i]!) && --depth === 0) return body.slice(start, i + 1);
  }
  throw new Error(`Unbalanced value of ${name}`);
}

/**
 * Reads the policy documents of one Terraform module, evaluating the few expression forms the
 * module uses: string lists, `local.x`, `local.services.<key>` (services.json),
 * `distinct(concat(...))` and `[for s in <list> : "${s}:*"]`.
 */
export function modulePolicies(file: string): Record<string, PolicyStatement[]> {
  const dir = dirname(file);
  const text = readFileSync(file, 'utf8');
  const localsText = readFileSync(join(dir, 'main.tf'), 'utf8');
  const locals = blocks(localsText, /^locals\s*\{/m)[0] ?? '';
  const servicesFile = join(dir, 'services.json');
  const services = (() => {
    try {
      return JSON.parse(readFileSync(servicesFile, 'utf8')) as Record<string, string[]>;
    } catch {
      return {};
    }
  })();
  const evaluate = (expr: string): string[] => {
    const e = expr.replace(/#.*$/gm, '').trim();
    const forEach = /^\[for (\w+) in (.+) : "\$\{\1\}:\*"\]$/s.exec(e);
    if (forEach) return evaluate(forEach[2]!).map((s) => `${s}:*`);
    const distinct = /^distinct\(concat\((.*)\)\)$/s.exec(e);
    if (distinct) return [...new Set(splitTopLevel(distinct[1]!).flatMap(evaluate))];
    const service = /^local\.services\.(\w+)$/.exec(e);
    if (service) return services[service[1]!] ?? [];
    const local = /^local\.(\w+)$/.exec(e);
    if (local) return evaluate(attribute(locals, local[1]!) ?? `"<missing local.${local[1]}>"`);
    if (e.startsWith('[')) return splitTopLevel(e.slice(1, -1)).flatMap(evaluate);
    if (e.startsWith('"')) return [e.slice(1, -1)];
    return [e];
  };
  const documents: Record<string, PolicyStatement[]> = {};
  for (const match of text.matchAll(/^data "aws_iam_policy_document" "(\w+)"/gm)) {
    const [body] = blocks(text.slice(match.index), /^data "aws_iam_policy_document" "\w+"\s*\{/);
    documents[match[1]!] = blocks(body ?? '', /^\s*statement\s*\{/m).map((statement) => ({
      sid: evaluate(attribute(statement, 'sid') ?? '""')[0]!,
      effect: attribute(statement, 'effect')?.includes('Deny') ? 'Deny' : 'Allow',
      actions: evaluate(attribute(statement, 'actions') ?? '[]'),
      resources: evaluate(attribute(statement, 'resources') ?? '[]'),
      conditions: blocks(statement, /^\s*condition\s*\{/m).map((condition) => ({
        test: evaluate(attribute(condition, 'test')!)[0]!,
        variable: evaluate(attribute(condition, 'variable')!)[0]!,
        values: evaluate(attribute(condition, 'values')!),
      })),
    }));
  }
  return documents;
}

/** Splits a list's items at commas outside brackets, parentheses and strings. */
function splitTopLevel(list: string): string[] {
  const items: string[] = [];
  let depth = 0;
  let inString = false;
  let current = '';
  for (const char of list) {
    if (char === '"') inString = !inString;
    if (!inString && '[({'.includes(char)) depth++;
    if (!inString && '])}'.includes(char)) depth--;
    if (!inString && depth === 0 && char === ',') {
      items.push(current);
      current = '';
    } else current += char;
  }
  return [...items, current].map((s) => s.trim()).filter((s) => s.length > 0);
}
