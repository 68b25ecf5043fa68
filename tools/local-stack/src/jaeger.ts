import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync } from 'node:fs';
import { connect } from 'node:net';
import { isAbsolute, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { stopProcess } from '@shopeasy/local-aws/lifecycle';

/** Where the binary is, relative to the repository root; also what stale.ts matches on. */
export const JAEGER_ENTRY = '.tools/bin/jaeger';
const BUILD_SCRIPT = 'scripts/lib/jaeger.sh';
const CONFIG = 'tools/local-stack/jaeger.yaml';
/** Every port jaeger.yaml binds on 127.0.0.1: OTLP gRPC and HTTP, query gRPC and HTTP (UI). */
export const JAEGER_PORTS = [4317, 4318, 16685, 16686] as const;
const OTLP_ENDPOINT = 'http://127.0.0.1:4318';
const UI_URL = 'http://127.0.0.1:16686';

export interface JaegerOptions {
  /** Repository root (repoRoot() from @shopeasy/local-aws). */
  root: string;
  /** Folder for jaeger.log (and jaeger-build.log when it has to be built). */
  logDir: string;
  /** How long to wait for the ports to answer once started; default 30 s. */
  readyTimeoutMs?: number;
}

export interface RunningJaeger {
  /** For OTEL_EXPORTER_OTLP_ENDPOINT: OTLP/HTTP, the SDK appends /v1/traces. */
  otlpEndpoint: string;
  uiUrl: string;
  pid: number;
  /** For recordProcesses (stale.ts): matched against the command line after a crash. */
  entry: string;
  logFile: string;
  child: ChildProcess;
  stop(): Promise<void>;
}

/** Jaeger processes of this one that must not outlive it, even when it exits without stopping them. */
const attached = new Set<number>();
process.on('exit', () => {
  for (const pid of attached) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
});

/**
 * Builds Jaeger v2 when it is missing or of another version, starts it with jaeger.yaml (in memory,
 * 127.0.0.1 only) and resolves once the OTLP/HTTP receiver and the query API answer.
 */
export async function startJaeger(options: JaegerOptions): Promise<RunningJaeger> {
  const { root, logDir } = options;
  const env = jaegerEnv(root);
  mkdirSync(logDir, { recursive: true });
  await ensureJaeger(root, logDir);
  const taken = await jaegerPortsInUse();
  if (taken.length > 0) {
    throw new Error(`Cannot start Jaeger: 127.0.0.1 port(s) ${taken.join(', ')} already in use.`);
  }

  const logFile = join(logDir, 'jaeger.log');
  const log = openSync(logFile, 'a');
  const child = spawn(join(root, JAEGER_ENTRY), ['--config', join(root, CONFIG)], {
    cwd: root,
    env,
    stdio: ['ignore', log, log],
  });
  closeSync(log);
  if (child.pid === undefined) throw new Error(`Could not start ${JAEGER_ENTRY}`);
  const pid = child.pid;
  attached.add(pid);
  const stop = async () => {
    await stopProcess(pid, child, 10_000);
    attached.delete(pid);
  };
  const jaeger: RunningJaeger = {
    otlpEndpoint: OTLP_ENDPOINT,
    uiUrl: UI_URL,
    pid,
    entry: JAEGER_ENTRY,
    logFile,
    child,
    stop,
  };

  const timeoutMs = options.readyTimeoutMs ?? 30_000;
  const deadline = Date.now() + timeoutMs;
  while (!(await ready())) {
    if (child.exitCode !== null || child.signalCode !== null) {
      attached.delete(pid);
      throw new Error(
        `Jaeger exited (${child.exitCode ?? child.signalCode}). Log ${logFile}:\n${tail(logFile)}`,
      );
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(
        `Jaeger did not answer within ${timeoutMs / 1000} s. Log ${logFile}:\n${tail(logFile)}`,
      );
    }
    await sleep(100);
  }
  return jaeger;
}

/**
 * Jaeger's environment. JAEGER_UI_ASSETS, when set, names the folder its web UI is served from
 * instead of ShopEasy's trace viewer (jaeger.yaml): absolute, or relative to the repository root.
 * It must hold index.html (files under its static/ are served as they are), so a wrong folder fails here.
 */
export function jaegerEnv(root: string, env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  // An empty value would reach jaeger.yaml as an empty path (the placeholder page), so it means unset.
  const { JAEGER_UI_ASSETS: assets, ...rest } = env;
  if (!assets) return rest;
  const dir = isAbsolute(assets) ? assets : join(root, assets);
  if (!existsSync(join(dir, 'index.html')))
    throw new Error(`JAEGER_UI_ASSETS=${assets}: ${dir} has no index.html (a Jaeger UI build has one).`);
  return { ...rest, JAEGER_UI_ASSETS: dir };
}

/** The Jaeger ports on 127.0.0.1 that something already listens on. */
export async function jaegerPortsInUse(): Promise<number[]> {
  const inUse = await Promise.all(JAEGER_PORTS.map(listening));
  return JAEGER_PORTS.filter((_, i) => inUse[i]);
}

/** Runs scripts/lib/jaeger.sh: silent when the binary is current, else it says it builds (minutes, once). */
function ensureJaeger(root: string, logDir: string): Promise<void> {
  const buildLog = join(logDir, 'jaeger-build.log');
  const log = openSync(buildLog, 'a');
  // Its own lines go to the console; the go command's hundreds of download lines go to the log.
  const child = spawn('bash', [join(root, BUILD_SCRIPT)], { cwd: root, stdio: ['ignore', 'inherit', log] });
  closeSync(log);
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code, signal) => {
      if (code === 0 && existsSync(join(root, JAEGER_ENTRY))) resolve();
      else
        reject(new Error(`Building Jaeger failed (${code ?? signal}). Log ${buildLog}:\n${tail(buildLog)}`));
    });
  });
}

/** The OTLP/HTTP receiver listens (any answer: GET /v1/traces is a 405) and the query API says 200. */
async function ready(): Promise<boolean> {
  return (await answers(`${OTLP_ENDPOINT}/v1/traces`, false)) && (await answers(`${UI_URL}/api/services`));
}

async function answers(url: string, mustBeOk = true): Promise<boolean> {
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(1000) });
    await res.body?.cancel();
    return !mustBeOk || res.ok;
  } catch {
    return false;
  }
}

function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    const done = (result: boolean) => {
      socket.destroy();
      resolve(result);
    };
    socket.setTimeout(1000, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

function tail(file: string): string {
  return existsSync(file) ? readFileSync(file, 'utf8').split('\n').slice(-20).join('\n') : '(no log)';
}
