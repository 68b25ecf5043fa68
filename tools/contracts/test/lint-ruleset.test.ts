import { copyFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { CONTRACTS_DIR, DOMAINS, findUnusedSharedComponents, loadContracts } from '../lib.mjs';
import { spectralLint } from './spectral.js';

const contractFiles = ['shared.yaml', ...DOMAINS.map((d) => d.file)].map((f) => path.join(CONTRACTS_DIR, f));
const brokenFixture = path.join(import.meta.dirname, 'fixtures', 'broken.yaml');

describe('contract lint ruleset', () => {
  it('When the contracts are linted, then Spectral reports no errors and no warnings', async () => {
    const results = await spectralLint(contractFiles);
    expect(results.map((r) => `${r.code} ${r.source}#${r.path.join('.')}`)).toEqual([]);
  });

  it('When a contract breaks each house rule, then each project rule reports it', async () => {
    const results = await spectralLint([brokenFixture]);
    const codes = new Set(results.map((r) => r.code));
    for (const rule of [
      'shopeasy-operation-id-camel-case',
      'shopeasy-operation-single-tag',
      'shopeasy-operation-security-explicit',
      'shopeasy-request-body-example',
      'shopeasy-response-example',
      'shopeasy-error-problem-json',
      'shopeasy-request-body-closed',
      'shopeasy-admin-operation-secured',
      'shopeasy-list-paginated',
    ]) {
      expect(codes, rule).toContain(rule);
    }
    // House rules are errors; the fixture also trips OWASP warnings, which are not the point here.
    expect(results.filter((r) => r.code.startsWith('shopeasy-')).every((r) => r.severity === 0)).toBe(true);
  });

  it('When a contract names a real host over http:// or takes an unbounded string, then the OWASP rules report it', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'owasp-lint-'));
    try {
      await copyFile(path.join(CONTRACTS_DIR, 'shared.yaml'), path.join(dir, 'shared.yaml'));
      const users = parse(await readFile(path.join(CONTRACTS_DIR, 'users.yaml'), 'utf8'));
      // A real host over http://, and without the x-internal audience every server must declare.
      users.servers.unshift({ url: 'http://api.shopeasy.example', description: 'Production' });
      delete users.components.schemas.RegisterRequest.properties.name.maxLength;
      const copy = path.join(dir, 'users.yaml');
      await writeFile(copy, stringify(users));

      const findings = (await spectralLint([copy])).map((r) => `${r.severity} ${r.code} ${r.path.join('.')}`);
      expect(findings).toContain('0 owasp:api8:2023-no-server-http servers.0.url');
      // A rule the package brings unchanged, so the extended ruleset itself is loaded.
      expect(findings).toContain('0 owasp:api9:2023-inventory-access servers.0');
      expect(findings).toContain(
        '0 owasp:api4:2023-string-limit components.schemas.RegisterRequest.properties.name',
      );
      // The loopback servers and the bounded request strings of the same copy stay clean.
      expect(findings.filter((f) => / servers\.[12]\b/.test(f))).toEqual([]);
      expect(findings.filter((f) => f.includes('string-limit'))).toHaveLength(1);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('When a shared component is used by no domain, then the shared-usage check names it', async () => {
    const contracts = await loadContracts();
    expect(findUnusedSharedComponents(contracts)).toEqual([]);

    contracts.shared.components.schemas.Orphan = { type: 'string' };
    const feedback = contracts.domains.find((d) => d.service === 'feedback')!.doc;
    delete feedback.paths['/v1/reviews/{reviewId}'];
    delete feedback.components.schemas.Review.properties.id;
    const unused = findUnusedSharedComponents(contracts);
    expect(unused).toEqual(['/components/schemas/ReviewId', '/components/schemas/Orphan']);
  });
});
