import path from 'node:path';
import { describe, expect, it } from 'vitest';
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
    expect(results.every((r) => r.severity === 0)).toBe(true);
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
