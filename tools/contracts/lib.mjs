import { readFileSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { buildBundle } from './src/bundle.mjs';
import { toApiGatewayFlavour } from './src/apigateway.mjs';
import { BUNDLE_FILES, CONTRACTS_DIR, DIST_DIR } from './src/domains.mjs';
import { loadContracts } from './src/load.mjs';
import { toJson, toYaml } from './src/serialize.mjs';
import { isObject } from './src/walk.mjs';

export {
  ALL_ROLES,
  AUTHORIZER_NAME,
  AUTHORIZER_URI_PLACEHOLDER,
  BUNDLE_FILES,
  CONTRACTS_DIR,
  DIST_DIR,
  DOMAINS,
  HTTP_METHODS,
  VPC_LINK_STAGE_VARIABLE,
  stageVariableFor,
} from './src/domains.mjs';
export {
  APIGW_FORMATS,
  APIGW_SCHEMA_KEYWORDS,
  sanitizeSchema,
  toApiGatewayFlavour,
} from './src/apigateway.mjs';
export { buildBundle, INTERNAL_PREFIX } from './src/bundle.mjs';
export {
  checkBreakingChanges,
  ensureOasdiff,
  PUBLIC_CONTRACTS,
  resolveBase,
} from './src/breaking-changes.mjs';
export { loadContracts } from './src/load.mjs';
export { listOperations, matchOperation } from './src/operations.mjs';
export { findUnusedSharedComponents } from './src/shared-usage.mjs';
export { resolveLocalRef, walk } from './src/walk.mjs';

/** Builds both bundles in memory from the contract sources. */
export async function buildBundles(contractsDir = CONTRACTS_DIR) {
  const contracts = await loadContracts(contractsDir);
  const openapi = buildBundle(contracts);
  return {
    openapi,
    apigateway: toApiGatewayFlavour(openapi),
    internal: buildBundle(contracts, { internal: true }),
  };
}

/** The files of a bundle run and their content. */
export async function renderBundles(contractsDir = CONTRACTS_DIR, distDir = DIST_DIR) {
  const { openapi, apigateway, internal } = await buildBundles(contractsDir);
  const file = (p) => path.join(distDir, path.basename(p));
  return [
    [file(BUNDLE_FILES.yaml), toYaml(openapi)],
    [file(BUNDLE_FILES.json), toJson(openapi)],
    [file(BUNDLE_FILES.apigateway), toJson(apigateway)],
    [file(BUNDLE_FILES.internal), toJson(internal)],
  ];
}

/** Writes contracts/dist (or distDir); returns the written paths. */
export async function writeBundles({ contractsDir = CONTRACTS_DIR, distDir = DIST_DIR } = {}) {
  await mkdir(distDir, { recursive: true });
  const files = await renderBundles(contractsDir, distDir);
  for (const [file, content] of files) await writeFile(file, content);
  return files.map(([file]) => file);
}

/** Paths under distDir whose content differs from a fresh bundle run. */
export async function staleBundles({ contractsDir = CONTRACTS_DIR, distDir = DIST_DIR } = {}) {
  const stale = [];
  for (const [file, content] of await renderBundles(contractsDir, distDir)) {
    const current = await readFile(file, 'utf8').catch(() => undefined);
    if (current !== content) stale.push(file);
  }
  return stale;
}

/**
 * Loads a bundled document. `flavour`: 'openapi' (plain) or 'apigateway'. `source`: 'dist' reads
 * the committed contracts/dist files; 'contracts' bundles the sources in memory.
 */
export async function loadBundle({ flavour = 'openapi', source = 'dist' } = {}) {
  if (!['openapi', 'apigateway'].includes(flavour)) throw new Error(`unknown bundle flavour '${flavour}'`);
  if (source === 'contracts') return (await buildBundles())[flavour];
  if (source !== 'dist') throw new Error(`unknown bundle source '${source}'`);
  const file = flavour === 'openapi' ? BUNDLE_FILES.json : BUNDLE_FILES.apigateway;
  return JSON.parse(await readFile(file, 'utf8'));
}

/** Synchronous read of a committed bundle in contracts/dist (for CDK constructs, which are synchronous). */
export function loadBundleSync({ flavour = 'openapi' } = {}) {
  if (!['openapi', 'apigateway'].includes(flavour)) throw new Error(`unknown bundle flavour '${flavour}'`);
  return JSON.parse(
    readFileSync(flavour === 'openapi' ? BUNDLE_FILES.json : BUNDLE_FILES.apigateway, 'utf8'),
  );
}

/**
 * Deep copy of doc where `${Name}` placeholders listed in values are replaced, e.g.
 * { ShopEasyAuthorizerUri: '...' }. Other `${...}` (API Gateway stage variables) are left alone.
 */
export function substitutePlaceholders(doc, values) {
  const replace = (s) =>
    s.replace(/\$\{([A-Za-z0-9_]+)\}/g, (m, name) =>
      Object.hasOwn(values, name) ? String(values[name]) : m,
    );
  const visit = (node) => {
    if (typeof node === 'string') return replace(node);
    if (Array.isArray(node)) return node.map(visit);
    if (!isObject(node)) return node;
    return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, visit(v)]));
  };
  return visit(doc);
}
