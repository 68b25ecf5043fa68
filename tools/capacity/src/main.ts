// `npm run capacity`: ShopEasy's capacity model. Scales the access patterns `npm run load`
// recorded to the production traffic target and judges each AWS resource against its limit.
// Exits 0 whatever the verdicts (it reports), 2 on bad flags or unusable load results.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { renderCapacityChart } from './chart.js';
import { parseFlags, UsageError } from './flags.js';
import { readLoadResults, ResultsError } from './load-results.js';
import { buildModel } from './model.js';
import { reportLines } from './report.js';
import { readSettings } from './settings.js';

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));

let options;
let results;
try {
  options = parseFlags(process.argv.slice(2), repoRoot);
  results = readLoadResults(options.resultsFile);
} catch (error) {
  if (error instanceof UsageError && error.asked) {
    console.log(error.message);
    process.exit(0);
  }
  if (!(error instanceof UsageError || error instanceof ResultsError)) throw error;
  console.error(error.message);
  if (error instanceof UsageError) console.error('`npm run capacity -- --help` lists the options.');
  process.exit(2);
}

const settings = readSettings(repoRoot);
const edge = options.edgeMaxAgeSeconds ?? (settings.edgeCache.enabled ? settings.edgeCache.maxAgeSeconds : 0);
const model = buildModel(results, options.target, settings, edge);
reportLines(model).forEach((line) => console.log(line));

mkdirSync(options.outDir, { recursive: true });
const json = join(options.outDir, 'capacity.json');
const svg = join(options.outDir, 'capacity.svg');
writeFileSync(json, `${JSON.stringify({ date: new Date().toISOString(), ...model }, null, 2)}\n`);
const r = options.target.rates;
writeFileSync(
  svg,
  renderCapacityChart({
    title: `ShopEasy capacity at the target — load run of ${model.resultsDate.slice(0, 16).replace('T', ' ')} UTC`,
    subtitle:
      `${r.browse} pages, ${r.detail} details, ${r.search} searches, ${r.cart} cart changes, ${r.checkout} checkouts per second; ` +
      `Zipf s=${options.target.zipf} over ${options.target.products} products`,
    resources: model.resources,
    hottestPartitions: model.hottestPartitions,
  }),
);
console.log(`\nCapacity: ${relative(process.cwd(), json)}, ${relative(process.cwd(), svg)}`);
