import { readFile } from 'node:fs/promises';

/**
 * The peak resident set size of a running process in MiB, from Linux's `VmHWM` ("high water mark") in
 * /proc/<pid>/status; undefined when the process is gone or the system has no /proc.
 */
export async function peakRssMiB(pid: number): Promise<number | undefined> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => undefined);
  const match = status?.match(/^VmHWM:\s+(\d+)\s+kB$/m);
  return match ? Number(match[1]) / 1024 : undefined;
}
