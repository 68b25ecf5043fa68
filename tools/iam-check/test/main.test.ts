import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import type { RecordedCall } from '../src/index.js';
import { tinyAssembly } from './support/tiny-assembly.js';

// The tiny assembly written as `cdk synth` writes one: a manifest naming each stack's environment
// and template file.
const dir = mkdtempSync(join(tmpdir(), 'iam-check-cli-'));
const artifacts: Record<string, unknown> = {};
for (const stack of tinyAssembly()) {
  const templateFile = `${stack.name}.template.json`;
  artifacts[stack.name] = {
    type: 'aws:cloudformation:stack',
    environment: `aws://${stack.account}/${stack.region}`,
    properties: { templateFile },
  };
  writeFileSync(join(dir, templateFile), JSON.stringify(stack.template));
}
writeFileSync(join(dir, 'manifest.json'), JSON.stringify({ version: '48.0.0', artifacts }));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const calls = (name: string, ...recorded: RecordedCall[]) => {
  const file = join(dir, name);
  writeFileSync(file, recorded.map((c) => `${JSON.stringify(c)}\n`).join(''));
  return file;
};
const get = (table: string): RecordedCall => ({
  component: 'catalog',
  service: 'dynamodb',
  action: 'dynamodb:GetItem',
  resources: [{ type: 'table', name: table }],
});

function iamCheck(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const main = fileURLToPath(new URL('../src/main.ts', import.meta.url));
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--conditions=source', '--import', 'tsx', main, '--assembly', dir, ...args],
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code) : 0, stdout, stderr }),
    );
  });
}

describe('npm run iam:check', () => {
  it('When one recorded call is denied, then it prints every call, the denial with why, and exits 1', async () => {
    const file = calls('some-denied.jsonl', get('shopeasy-local-catalog'), get('shopeasy-local-catalog'), {
      ...get('shopeasy-local-catalog'),
      action: 'dynamodb:DeleteItem',
    });
    const { code, stdout } = await iamCheck('--calls', file, '--env', 'dev');
    expect(stdout.trim().split('\n')).toEqual([
      'ok   catalog dynamodb:GetItem arn:aws:dynamodb:eu-west-1:111111111111:table/shopeasy-dev-catalog',
      'ok   catalog kms:Decrypt arn:aws:kms:eu-west-1:111111111111:key/TablesKey (for dynamodb:GetItem arn:aws:dynamodb:eu-west-1:111111111111:table/shopeasy-dev-catalog)',
      'DENY catalog dynamodb:DeleteItem arn:aws:dynamodb:eu-west-1:111111111111:table/shopeasy-dev-catalog',
      '       denied explicitly by CatalogIsNeverDeleted of CatalogData of role shopeasy-dev-catalog-task (CatalogTaskRole in ShopEasy-Dev-Services)',
      'iam check (dev): 2 allowed, 1 denied',
    ]);
    expect(code).toBe(1);
  });

  it('When every call is allowed, then it exits 0; when none was recorded, it fails rather than pass on nothing', async () => {
    const allowed = await iamCheck('--calls', calls('allowed.jsonl', get('shopeasy-local-catalog')));
    expect(allowed.code, allowed.stdout + allowed.stderr).toBe(0);
    const empty = await iamCheck('--calls', calls('empty.jsonl'));
    expect(empty).toMatchObject({
      code: 1,
      stderr: expect.stringMatching(/no calls recorded in .*empty\.jsonl/),
    });
  });
});
