// What the bench reads about processes from /proc: CPU time, resident memory, who listens on a port.
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';

/** USER_HZ: /proc reports CPU time in these ticks; 100 on every Linux this runs on. */
const CLOCK_TICKS_PER_S = 100;

/** CPU time of a process so far (user + system, all threads), in ms, from /proc/PID/stat. */
export function cpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  const ticks = Number(fields[11]) + Number(fields[12]); // utime, stime
  return (ticks * 1000) / CLOCK_TICKS_PER_S;
}

/** The resident set of a process, in MB (VmRSS in /proc/PID/status). */
export function rssMb(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').match(/^VmRSS:\s+(\d+) kB$/m);
  if (!line) throw new Error(`No VmRSS for process ${pid}`);
  return Number(line[1]) / 1024;
}

/**
 * The process listening on `port` on loopback. startPortal does not expose its child's pid, so
 * find the socket's inode in /proc/net/tcp and the process holding it.
 */
export function pidListeningOn(port: number): number {
  const hexPort = port.toString(16).toUpperCase().padStart(4, '0');
  const listening = readFileSync('/proc/net/tcp', 'utf8')
    .split('\n')
    .map((l) => l.trim().split(/\s+/))
    .find((f) => f[1] === `0100007F:${hexPort}` && f[3] === '0A');
  if (!listening) throw new Error(`Nothing listens on 127.0.0.1:${port}`);
  const socket = `socket:[${listening[9]}]`;
  for (const pid of readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    let fds: string[];
    try {
      fds = readdirSync(`/proc/${pid}/fd`);
    } catch {
      continue; // another user's process, or gone
    }
    for (const fd of fds) {
      try {
        if (readlinkSync(`/proc/${pid}/fd/${fd}`) === socket) return Number(pid);
      } catch {
        // closed meanwhile
      }
    }
  }
  throw new Error(`No process found for the socket on port ${port}`);
}

/** How busy the machine's CPUs were (all processes) over the next `ms`, from /proc/stat, in %. */
export async function cpuBusyPercent(ms: number): Promise<number> {
  const sample = () => {
    const [, ...ticks] = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).map(Number);
    const idle = ticks[3]! + ticks[4]!; // idle + iowait
    return { idle, total: ticks.reduce((a, b) => a + b, 0) };
  };
  const before = sample();
  await new Promise((resolve) => setTimeout(resolve, ms));
  const after = sample();
  return 100 * (1 - (after.idle - before.idle) / Math.max(after.total - before.total, 1));
}
