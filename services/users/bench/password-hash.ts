// Benchmark, not a test: what one password hash costs on this machine, alone and side by side.
//   npm run bench -w services/users [-- --hashes 12 --log-n 15,16,17 --parallel 1,2,4]
import { availableParallelism } from 'node:os';
import { parseArgs } from 'node:util';
import { createPasswordHasher } from '../src/domain/passwords.js';

const { values } = parseArgs({
  options: {
    hashes: { type: 'string', default: '12' },
    'log-n': { type: 'string', default: '15,16,17' },
    parallel: { type: 'string', default: '1,2,4' },
  },
});
const hashes = Number(values.hashes);
const numbers = (list: string) => list.split(',').map(Number);

const ms = (value: number) => `${value.toFixed(0)} ms`;
const median = (sorted: number[]) => sorted[Math.floor(sorted.length / 2)]!;

/** Hashes `hashes` passwords with `parallel` at a time; latency per hash and hashes per second. */
async function measure(logN: number, parallel: number): Promise<void> {
  const hasher = createPasswordHasher({ logN, r: 8, p: 1 });
  await hasher.hash('warm-up-password'); // the first call pays for the pool threads
  const latencies: number[] = [];
  let next = 0;
  const worker = async () => {
    while (next < hashes) {
      next += 1;
      const started = performance.now();
      await hasher.hash(`bench-password-${next}`);
      latencies.push(performance.now() - started);
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: parallel }, worker));
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const mib = (128 * 2 ** logN * 8) / 2 ** 20;
  console.log(
    `N=2^${logN} (${mib} MiB), ${parallel} at a time: median ${ms(median(latencies))}, ` +
      `max ${ms(latencies.at(-1)!)} per hash, ${(hashes / seconds).toFixed(1)} hashes/s`,
  );
}

console.log(
  `${availableParallelism()} CPUs, libuv pool ${process.env.UV_THREADPOOL_SIZE ?? 4} threads, ` +
    `${hashes} hashes per row`,
);
for (const logN of numbers(values['log-n'])) {
  for (const parallel of numbers(values.parallel)) await measure(logN, parallel);
}
