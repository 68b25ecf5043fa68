import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { RUNBOOK_PREFIX } from '../lib/constructs/monitoring/service-monitor.js';
import type { EnvironmentStacks } from '../lib/app/shopeasy-app.js';
import { resourcesOf, synthEnvironment } from './support/synth.js';

const RUNBOOKS = fileURLToPath(new URL('../../confluence-docs/operations/runbooks/', import.meta.url));
const ENV = 'prod';

interface Runbook {
  readonly file: string;
  readonly labels: readonly string[];
  /** The alarm names listed under `## Alarms`, one backticked name per bullet. */
  readonly alarms: readonly string[];
}

function readRunbook(file: string): Runbook {
  const text = readFileSync(`${RUNBOOKS}${file}`, 'utf8');
  const labels = (/^labels:\s*\[([^\]]*)\]/m.exec(text)?.[1] ?? '').split(',').map((l) => l.trim());
  const section = /^## Alarms\r?\n([\s\S]*?)(?=^## |(?![\s\S]))/m.exec(text)?.[1] ?? '';
  return { file, labels, alarms: [...section.matchAll(/^- `([^`]+)`/gm)].map((m) => m[1]!) };
}

/**
 * A listed name as a pattern: `<env>` is the environment synthesized here, any other `<placeholder>`
 * (`<service>`, `<table>`, `<queue>`) one part of a name, and everything else is literal.
 */
function alarmPattern(listed: string, env: string): RegExp {
  const parts = listed.split(/(<[a-z]+>)/).map((part) => {
    if (part === '<env>') return env;
    if (/^<[a-z]+>$/.test(part)) return '[a-z0-9]+';
    return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  });
  return new RegExp(`^${parts.join('')}$`);
}

const runbooks = readdirSync(RUNBOOKS)
  .filter((file) => file.endsWith('.md') && file !== 'README.md')
  .map(readRunbook);
const env = synthEnvironment(ENV);
const alarms = (Object.keys(env.stacks) as (keyof EnvironmentStacks)[]).flatMap((stack) =>
  Object.values(resourcesOf(env.template(stack), 'AWS::CloudWatch::Alarm')).map((alarm) => ({
    name: alarm.Properties.AlarmName as string,
    description: alarm.Properties.AlarmDescription as string,
  })),
);
const runbookOf = (description: string) =>
  new RegExp(`${RUNBOOK_PREFIX}([a-z0-9-]+\\.md)`).exec(description)?.[1];

describe('alarms and runbooks name each other', () => {
  it('When a listed name is matched, then only the environment and single name parts vary', () => {
    const cpu = alarmPattern('shopeasy-<env>-<service>-cpu', ENV);
    expect(cpu.test('shopeasy-prod-orders-cpu')).toBe(true);
    expect(cpu.test('shopeasy-dev-orders-cpu')).toBe(false);
    expect(cpu.test('shopeasy-prod-orders-cpu-high')).toBe(false);
    expect(cpu.test('shopeasy-prod-orders-extra-cpu')).toBe(false);
  });

  it('When the app is synthesized, then every alarm has a plain name and a description naming an existing runbook', () => {
    expect(alarms.length).toBeGreaterThan(40);
    const unnamed = alarms.filter((a) => typeof a.name !== 'string' || typeof a.description !== 'string');
    expect(unnamed).toEqual([]);
    const broken = alarms
      .filter((a) => {
        const file = runbookOf(a.description);
        return !file || !existsSync(`${RUNBOOKS}${file}`);
      })
      .map((a) => `${a.name}: "${a.description}"`);
    expect(broken).toEqual([]);
  });

  it('When an alarm names its runbook, then that runbook lists the alarm under "Alarms"', () => {
    const unlisted = alarms
      .filter((a) => {
        const runbook = runbooks.find((r) => r.file === runbookOf(a.description));
        return !runbook?.alarms.some((listed) => alarmPattern(listed, ENV).test(a.name));
      })
      .map((a) => `${a.name} (${runbookOf(a.description)})`);
    expect(unlisted).toEqual([]);
  });

  it('When a runbook lists an alarm, then the synthesized app has an alarm of that name', () => {
    const listed = runbooks.flatMap((r) => r.alarms.map((name) => ({ file: r.file, name })));
    expect(listed.length).toBeGreaterThan(10);
    const missing = listed
      .filter(({ name }) => !alarms.some((a) => alarmPattern(name, ENV).test(a.name)))
      .map(({ file, name }) => `${file}: ${name}`);
    expect(missing).toEqual([]);
  });

  it('When a runbook is read, then it is labelled either alarm (and lists its alarms) or procedure (and lists none)', () => {
    const wrong = runbooks
      .filter((r) => {
        const alarm = r.labels.includes('alarm');
        const procedure = r.labels.includes('procedure');
        if (alarm === procedure) return true;
        return alarm ? r.alarms.length === 0 : r.alarms.length > 0;
      })
      .map((r) => `${r.file} [${r.labels.join(', ')}]: ${r.alarms.length} alarms listed`);
    expect(wrong).toEqual([]);
    expect(runbooks.filter((r) => r.labels.includes('procedure')).map((r) => r.file)).toEqual(
      expect.arrayContaining(['rotate-internal-api-key.md', 'rotate-signing-key.md']),
    );
  });
});
