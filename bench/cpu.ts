// CPU accounting from /proc (Linux) around a load round: the CPU time the server under load spent
// per request, and how busy the rest of the machine was meanwhile. On a small shared machine
// req/s moves with whatever else runs; CPU per request barely does, and the "other" figure tells
// a round disturbed by foreign work from a slow server.
import { readFileSync } from 'node:fs';

// USER_HZ: the unit of /proc CPU times; 100 on every mainstream Linux build.
const msPerTick = 10;

export interface CpuSnapshot {
  at: number;
  /** CPU time of the server process, ms. */
  server: number;
  /** CPU time of this process (the load generator), ms. */
  self: number;
  /** Machine-wide user + nice + system time, ms (interrupt time excluded: it is network work). */
  busy: number;
  /** Time the hypervisor gave our virtual CPUs to someone else, ms. */
  steal: number;
}

export interface CpuUse {
  /** Server CPU per completed request, µs. */
  serverMicrosPerRequest: number;
  /** This process's (the load generator's) CPU per completed request, µs. */
  selfMicrosPerRequest: number;
  /** Average cores used by processes other than the server and the load generator. */
  otherCores: number;
  /** Average cores taken away by the hypervisor. */
  stealCores: number;
}

function processCpuMs(pid: number): number {
  // Fields after the ")" of the command name: utime and stime are the 12th and 13th.
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) * msPerTick;
}

function machineCpuMs(): { busy: number; steal: number } {
  const line = readFileSync('/proc/stat', 'utf8').split('\n', 1)[0] ?? '';
  const [user = 0, nice = 0, system = 0, , , , , steal = 0] = line.trim().split(/\s+/).slice(1).map(Number);
  return { busy: (user + nice + system) * msPerTick, steal: steal * msPerTick };
}

/** Null where /proc is not available; the figures are then left out. */
export function cpuSnapshot(serverPid: number | undefined): CpuSnapshot | null {
  if (serverPid === undefined) return null;
  try {
    const usage = process.cpuUsage();
    return {
      at: performance.now(),
      server: processCpuMs(serverPid),
      self: (usage.user + usage.system) / 1000,
      ...machineCpuMs(),
    };
  } catch {
    return null;
  }
}

export function cpuUse(before: CpuSnapshot | null, after: CpuSnapshot | null, requests: number): CpuUse | null {
  if (!before || !after || requests === 0) return null;
  const wallMs = after.at - before.at;
  const server = after.server - before.server;
  const other = after.busy - before.busy - server - (after.self - before.self);
  return {
    serverMicrosPerRequest: (server * 1000) / requests,
    selfMicrosPerRequest: ((after.self - before.self) * 1000) / requests,
    otherCores: Math.max(0, other / wallMs),
    stealCores: (after.steal - before.steal) / wallMs,
  };
}
