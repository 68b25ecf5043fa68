import { resolve } from 'node:path';
import { parseArgs } from 'node:util';

export const SCENARIOS = ['browse', 'detail', 'search', 'cart', 'checkout'] as const;
export type ScenarioName = (typeof SCENARIOS)[number];

/** The traffic to plan for and the shape of the catalog it spreads over. */
export interface Target {
  /** Requests per second per scenario: category pages, product details, searches, cart changes, checkouts. */
  rates: Record<ScenarioName, number>;
  products: number;
  categories: number;
  /** Zipf skew over products and over categories. */
  zipf: number;
  /** Cart changes per second one shopper makes at most. */
  changesPerShopper: number;
}

export interface CapacityOptions {
  resultsFile: string;
  outDir: string;
  target: Target;
  /** Overrides the settings' edge cache: a max-age in seconds, or 0 for none. */
  edgeMaxAgeSeconds?: number;
}

export const DEFAULT_TARGET: Target = {
  rates: { browse: 30_000, detail: 15_000, search: 5_000, cart: 5_000, checkout: 1_000 },
  products: 100_000,
  categories: 500,
  zipf: 1,
  changesPerShopper: 1,
};

export const USAGE = `npm run capacity -- [options]
  --results <file>     load results to read, default tests/load/results/latest.json
  --out <dir>          where capacity.json and capacity.svg go, default tests/load/results
  --browse <n>         category pages per second, default ${DEFAULT_TARGET.rates.browse}
  --detail <n>         product details per second, default ${DEFAULT_TARGET.rates.detail}
  --search <n>         searches per second, default ${DEFAULT_TARGET.rates.search}
  --cart <n>           cart changes per second, default ${DEFAULT_TARGET.rates.cart}
  --checkout <n>       checkouts per second, default ${DEFAULT_TARGET.rates.checkout}
  --products <n>       products in the catalog, default ${DEFAULT_TARGET.products}
  --categories <n>     categories, default ${DEFAULT_TARGET.categories}
  --zipf <s>           Zipf skew over products and categories, default ${DEFAULT_TARGET.zipf}
  --edge-cache <s|off> edge cache max-age for public GETs (default: tools/capacity/src/settings.ts)`;

export class UsageError extends Error {
  constructor(
    message: string,
    readonly asked = false,
  ) {
    super(message);
  }
}

export function parseFlags(argv: string[], repoRoot: string): CapacityOptions {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        results: { type: 'string' },
        out: { type: 'string' },
        ...Object.fromEntries(SCENARIOS.map((s) => [s, { type: 'string' as const }])),
        products: { type: 'string' },
        categories: { type: 'string' },
        zipf: { type: 'string' },
        'edge-cache': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  if (values.help) throw new UsageError(USAGE, true);
  const flag = (name: string) => values[name as keyof typeof values] as string | undefined;
  const rates = Object.fromEntries(
    SCENARIOS.map((s) => [s, number(s, flag(s), DEFAULT_TARGET.rates[s], { min: 0 })]),
  ) as Record<ScenarioName, number>;
  const edge = values['edge-cache'];
  return {
    resultsFile: resolve(repoRoot, values.results ?? 'tests/load/results/latest.json'),
    outDir: resolve(repoRoot, values.out ?? 'tests/load/results'),
    target: {
      rates,
      products: number('products', values.products, DEFAULT_TARGET.products, { min: 1, integer: true }),
      categories: number('categories', values.categories, DEFAULT_TARGET.categories, {
        min: 1,
        integer: true,
      }),
      zipf: number('zipf', values.zipf, DEFAULT_TARGET.zipf, { min: 0 }),
      changesPerShopper: DEFAULT_TARGET.changesPerShopper,
    },
    ...(edge === undefined
      ? {}
      : { edgeMaxAgeSeconds: edge === 'off' ? 0 : number('edge-cache', edge, 0, { min: 1 }) }),
  };
}

function number(
  name: string,
  raw: string | undefined,
  fallback: number,
  rule: { min: number; integer?: boolean },
) {
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(n) || n < rule.min || (rule.integer && !Number.isInteger(n)))
    throw new UsageError(
      `--${name} must be ${rule.integer ? 'an integer' : 'a number'} of at least ${rule.min}, not "${raw}".`,
    );
  return n;
}
