import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

export interface Load {
  p50: number;
  p99: number;
  rps: number;
  bad: number;
}

/**
 * wrk with one thread; latencies from its --latency distribution. With `cpu`, wrk runs pinned to
 * that CPU (taskset), away from the server.
 */
export function wrk(url: string, connections: number, duration: number, token: string, cpu?: number): Load {
  const out = execFileSync(
    cpu === undefined ? 'wrk' : 'taskset',
    [
      ...(cpu === undefined ? [] : ['-c', String(cpu), 'wrk']),
      '-t1',
      `-c${connections}`,
      `-d${duration}s`,
      '--latency',
      '-H',
      `authorization: Bearer ${token}`,
      '-H',
      'accept-encoding: gzip',
      url,
    ],
    { encoding: 'utf8' },
  );
  return readWrk(out);
}

/** What wrk printed with --latency: median and 99th percentile (ms), requests per second, requests, failures. */
export function readWrk(out: string): Load & { total: number } {
  const ms = (label: string): number => {
    const m = new RegExp(`^\\s*${label}%\\s+([\\d.]+)(us|ms|s)`, 'm').exec(out);
    if (m === null) throw new Error(`wrk printed no ${label}th percentile:\n${out}`);
    const v = Number(m[1]);
    return m[2] === 'us' ? v / 1000 : m[2] === 's' ? v * 1000 : v;
  };
  const rps = Number(/Requests\/sec:\s+([\d.]+)/.exec(out)?.[1] ?? 0);
  const total = Number(/(\d+) requests in/.exec(out)?.[1] ?? 0);
  const errors = (/Socket errors:([^\n]*)/.exec(out)?.[1] ?? '').match(/\d+/g) ?? [];
  const bad =
    Number(/Non-2xx or 3xx responses:\s+(\d+)/.exec(out)?.[1] ?? 0) + errors.reduce((a, b) => a + Number(b), 0);
  return { p50: ms('50'), p99: ms('99'), rps, bad, total };
}

/** CPU seconds a process has used (user + system, all threads), from /proc; NaN elsewhere. */
export function cpuSeconds(pid: number | undefined): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return Number.NaN;
  }
}
