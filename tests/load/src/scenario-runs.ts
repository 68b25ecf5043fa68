import { adminClients, clients, describeFailure, discoverCatalog, mapLimit, newShopper } from './api.js';
import { startBaseline } from './baseline.js';
import { withoutStockReads } from './capacity-harness.js';
import { meterEndpoint, openMeter, type ScenarioCapacity } from './capacity-meter.js';
import {
  browseProbePaths,
  CapacityCollector,
  detailProbePaths,
  searchProbePaths,
} from './capacity-probes.js';
import { checkoutUnderContention, type CheckoutFigures } from './checkout.js';
import type { LoadOptions, ScenarioName } from './options.js';
import { formatFailures, formatMs, formatRate } from './report.js';
import { runLoad, type LabelledRequest } from './run-load.js';
import { stackAdmin } from './stack-admin.js';
import { browseRequests, cartRequests, detailRequests, searchRequests, searchTerms } from './scenarios.js';
import { cpuLine, cpuPerRequest, cpuSnapshot, type CpuSnapshot } from './stack-cpu.js';
import type { ScenarioFigures } from './stats.js';

export interface RunOutcome {
  baseline?: ScenarioFigures;
  baselineBody?: { bytes: number; contentType: string; from: string };
  scenarios: ScenarioFigures[];
  checkout?: CheckoutFigures;
  /** Scenarios that could not run, with the reason. */
  failed: { scenario: string; reason: string }[];
  /** What each scenario cost in DynamoDB and Kinesis, from the emulator's capacity meter. */
  capacity?: Partial<Record<ScenarioName, ScenarioCapacity>>;
}

/** The baseline, then each chosen scenario in turn; a scenario that fails is reported, not fatal. */
export async function runScenarios(
  options: LoadOptions,
  log: (line: string) => void,
  stack: { repoRoot: string; cores: number },
): Promise<RunOutcome> {
  const { gatewayUrl } = options;
  const outcome: RunOutcome = { scenarios: [], failed: [] };
  const meter = await openMeter(meterEndpoint(stack.repoRoot, process.env));
  if ('problem' in meter) log(`Capacity: not recorded, ${meter.problem}.`);
  const capacity = new CapacityCollector('problem' in meter ? undefined : meter, gatewayUrl, log);
  const load = async (name: ScenarioName, requests: LabelledRequest[], probe: string[] = []) => {
    await capacity.before(requests[0]?.label ?? name, probe);
    const before = cpuSnapshot(stack.repoRoot);
    const figures = await runLoad({ ...options, url: gatewayUrl, requests });
    // What bounds the figures: each process's CPU per request, over the whole run.
    const total = figures.reduce((n, f) => n + f.requests, 0);
    const seconds = figures[0]?.durationSeconds ?? 0;
    const cpu = cpuPerRequest(before, cpuSnapshot(stack.repoRoot), total, seconds, stack.cores);
    for (const f of figures) {
      if (cpu) f.cpu = cpu;
      const failures = formatFailures(f.non2xx, f.errors, f.timeouts);
      log(
        `  ${f.name}: ${formatRate(f.okPerSecond)} 2xx/s, p99 ${formatMs(f.latencyMs.p99)} ms, non-2xx/errors: ${failures}`,
      );
    }
    if (cpu) log(`  ${cpuLine(cpu)}`);
    await capacity.after(name, Object.fromEntries(figures.map((f) => [f.name, f.requests])));
    return figures;
  };

  log('Finding the seeded catalog through the API…');
  const catalog = await discoverCatalog(clients(gatewayUrl));
  if (catalog.products.length === 0)
    throw new Error('The catalog is empty; `npm start` seeds it when it starts.');
  log(`  ${catalog.categoryIds.length} categories, ${catalog.products.length} products.`);

  const pagePath = `/v1/categories/${catalog.categoryIds[0]}/products?limit=20`;
  const page = await fetch(`${gatewayUrl}${pagePath}`, { signal: AbortSignal.timeout(30_000) });
  const body = Buffer.from(await page.arrayBuffer());
  const contentType = page.headers.get('content-type') ?? 'application/json';
  outcome.baselineBody = { bytes: body.length, contentType, from: `GET ${pagePath} (${page.status})` };
  log(
    `node:http baseline: a bare server in its own process answering the ${body.length} bytes of a category page…`,
  );
  // Should the harness die, the server's IPC channel closes and it exits (baseline-server.ts).
  const baseline = await startBaseline(body, contentType);
  try {
    const [figures] = await runLoad({
      ...options,
      url: baseline.url,
      requests: [{ label: 'node:http baseline' }],
    });
    outcome.baseline = figures;
  } finally {
    await baseline.stop();
  }

  const steps: Record<ScenarioName, () => Promise<void>> = {
    browse: async () => {
      const probe = browseProbePaths(catalog.categoryIds);
      outcome.scenarios.push(...(await load('browse', browseRequests(catalog.categoryIds), probe)));
    },
    detail: async () => {
      const ids = catalog.products.map((p) => p.id);
      outcome.scenarios.push(...(await load('detail', detailRequests(ids), detailProbePaths(ids))));
    },
    search: async () => {
      const terms = searchTerms(catalog.products.map((p) => p.name));
      log(`  terms: ${terms.join(', ')}`);
      // The probe starts with the scenario's terms, each still a cache miss.
      const probe = searchProbePaths(
        searchTerms(
          catalog.products.map((p) => p.name),
          40,
        ),
      );
      outcome.scenarios.push(...(await load('search', searchRequests(terms), probe)));
    },
    cart: async () => {
      // Twice as many shoppers as connections, so a connection always finds one nobody is using.
      const count = options.connections * 2;
      log(`  registering ${count} shoppers…`);
      const shoppers = await mapLimit(Array.from({ length: count }), 8, (_, i) =>
        newShopper(gatewayUrl, `Load shopper ${i}`),
      );
      const inStock = catalog.products.filter((p) => p.stock >= 20).map((p) => p.id);
      outcome.scenarios.push(...(await load('cart', cartRequests(shoppers, inStock))));
    },
    checkout: async () => {
      // Taken when the burst starts (beforeBurst always runs before afterSettled).
      let burst: { cpu: CpuSnapshot; at: number } | undefined;
      let checkoutCpu: ReturnType<typeof cpuPerRequest>;
      outcome.checkout = await checkoutUnderContention({
        gatewayUrl,
        admin: await adminClients(gatewayUrl, stackAdmin(stack.repoRoot)),
        buyers: options.buyers,
        units: options.units,
        timeoutSeconds: Math.max(options.timeoutSeconds, 60),
        settleWaitSeconds: 120,
        log,
        beforeBurst: async () => {
          burst = { cpu: cpuSnapshot(stack.repoRoot), at: performance.now() };
          await capacity.before('checkout');
        },
        afterSettled: async ({ productId, stockReads }) => {
          if (!burst) throw new Error('the checkout burst settled before it started');
          const started = burst;
          const seconds = (performance.now() - started.at) / 1000;
          checkoutCpu = cpuPerRequest(
            started.cpu,
            cpuSnapshot(stack.repoRoot),
            options.buyers,
            seconds,
            stack.cores,
          );
          await capacity.after('checkout', { checkout: options.buyers }, (rows) =>
            withoutStockReads(rows, productId, stockReads),
          );
        },
      });
      // What each checkout cost every process, until its order settled (the model's ECS input).
      if (checkoutCpu) {
        outcome.checkout.cpu = checkoutCpu;
        log(`  ${cpuLine(checkoutCpu)}`);
      }
    },
  };
  for (const name of options.scenarios) {
    log(`${name}…`);
    try {
      await steps[name]();
    } catch (error) {
      const reason = describeFailure(error);
      log(`  ${name} could not run: ${reason}`);
      outcome.failed.push({ scenario: name, reason });
    }
  }
  if (Object.keys(capacity.scenarios).length > 0) outcome.capacity = capacity.scenarios;
  return outcome;
}
