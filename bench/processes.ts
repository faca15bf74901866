// Child processes of the benchmark (the service and the baseline): starting them, knowing when
// they listen, reading their memory, and always stopping them, also when the run fails.
import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { createInterface } from 'node:readline';

export interface Child {
  name: string;
  process: ChildProcess;
  /** performance.now() when it was spawned. */
  spawnedAt: number;
  /** The last lines it printed, shown when it fails. */
  recentOutput: string[];
  /** Called with every line it prints (stdout and stderr). */
  lineListeners: Set<(line: string) => void>;
}

const maxEchoedLines = 20;

/** A port nothing listens on right now (the OS picks it), for a child that cannot report its own. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => (port > 0 ? resolve(port) : reject(new Error('no free port'))));
    });
  });
}

function describeExit(child: Child): string {
  const { exitCode, signalCode } = child.process;
  const tail = child.recentOutput.slice(-20).join('\n');
  return `${child.name} exited (code ${exitCode ?? '-'}, signal ${signalCode ?? '-'})${tail ? `; last output:\n${tail}` : ''}`;
}

function exited(child: Child): boolean {
  return child.process.exitCode !== null || child.process.signalCode !== null;
}

/** The children this run started; stopAll() ends exactly those, by their handles. */
export class Children {
  private readonly children: Child[] = [];

  constructor() {
    // Last resort if the run dies without reaching stopAll(): kill() is synchronous enough here.
    process.once('exit', () => {
      for (const child of this.children) if (!exited(child)) child.process.kill('SIGKILL');
    });
  }

  start(name: string, args: string[], options: { cwd: string; env?: NodeJS.ProcessEnv }): Child {
    const spawned = spawn(process.execPath, args, { cwd: options.cwd, env: options.env ?? process.env, stdio: 'pipe' });
    const child: Child = { name, process: spawned, spawnedAt: performance.now(), recentOutput: [], lineListeners: new Set() };
    this.children.push(child);
    let echoed = 0;
    for (const stream of [spawned.stdout, spawned.stderr]) {
      createInterface({ input: stream }).on('line', (line) => {
        child.recentOutput.push(line);
        if (child.recentOutput.length > 100) child.recentOutput.shift();
        echoed += 1;
        // Echo the start of a child's output only: a service failing on every request would
        // otherwise flood the terminal. The latest lines are kept for the failure message.
        if (echoed <= maxEchoedLines) process.stderr.write(`[${name}] ${line.slice(0, 1000)}\n`);
        else if (echoed === maxEchoedLines + 1) process.stderr.write(`[${name}] (further output not shown)\n`);
        for (const listener of child.lineListeners) listener(line);
      });
    }
    spawned.once('error', (error) => child.recentOutput.push(`spawn error: ${error.message}`));
    return child;
  }

  async stopAll(): Promise<void> {
    await Promise.all(this.children.map((child) => stop(child)));
  }
}

/** SIGTERM (the service closes gracefully), then SIGKILL if it is still there after 5 s. */
export async function stop(child: Child): Promise<void> {
  if (exited(child)) return;
  const gone = new Promise<void>((resolve) => child.process.once('exit', () => resolve()));
  child.process.kill('SIGTERM');
  const timer = setTimeout(() => child.process.kill('SIGKILL'), 5_000);
  await gone;
  clearTimeout(timer);
}

/** Resolves with the first output line matching `pattern`; rejects if the child exits first. */
export function waitForLine(child: Child, pattern: RegExp, timeoutMs = 30_000): Promise<RegExpMatchArray> {
  return new Promise((resolve, reject) => {
    const seen = child.recentOutput.map((line) => line.match(pattern)).find((match) => match !== null);
    if (seen) return resolve(seen);
    const finish = (error: Error | null, match?: RegExpMatchArray) => {
      clearTimeout(timer);
      child.process.off('exit', onExit);
      child.lineListeners.delete(onLine);
      if (match) resolve(match);
      else reject(error);
    };
    const onExit = () => finish(new Error(describeExit(child)));
    const onLine = (line: string) => {
      const match = line.match(pattern);
      if (match) finish(null, match);
    };
    const timer = setTimeout(
      () => finish(new Error(`${child.name}: no line matching ${pattern} within ${timeoutMs} ms`)),
      timeoutMs,
    );
    child.process.once('exit', onExit);
    child.lineListeners.add(onLine);
  });
}

/**
 * Polls `url` until it answers 2xx and returns the milliseconds since spawn. Polling every 5 ms
 * rather than parsing a log line lets the service run at LOG_LEVEL=warn, so it logs nothing per request.
 */
export async function waitForHttp(child: Child, url: string, timeoutMs = 30_000): Promise<number> {
  const deadline = performance.now() + timeoutMs;
  while (performance.now() < deadline) {
    if (exited(child)) throw new Error(describeExit(child));
    let response: Response;
    try {
      response = await fetch(url);
    } catch {
      // Not listening yet.
      await new Promise((resolve) => setTimeout(resolve, 5));
      continue;
    }
    const body = await response.text();
    if (response.ok) return performance.now() - child.spawnedAt;
    // Listening but failing: waiting longer would not help.
    throw new Error(`${child.name}: GET ${url} answered ${response.status}: ${body.slice(0, 500)}`);
  }
  throw new Error(`${child.name}: ${url} did not answer within ${timeoutMs} ms`);
}

/**
 * Resident and peak resident memory in MiB, and the resident part that is anonymous (heap,
 * buffers) or file-backed (code), from /proc (Linux only; null elsewhere).
 */
export function memoryOf(child: Child): { rssMiB: number; peakMiB: number; anonMiB: number; fileMiB: number } | null {
  const pid = child.process.pid;
  if (pid === undefined) return null;
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const mib = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? Number.NaN) / 1024;
    return { rssMiB: mib('VmRSS'), peakMiB: mib('VmHWM'), anonMiB: mib('RssAnon'), fileMiB: mib('RssFile') };
  } catch {
    return null;
  }
}

export function assertRunning(child: Child): void {
  if (exited(child)) throw new Error(describeExit(child));
}
