import { BenchOptions } from './bench-options';
import { Distribution } from './percentiles';
import { BurstResult } from './throughput-phase';

export interface ProcessMemory {
  name: string;
  peakRssMiB: number | undefined;
}

export interface BenchFigures {
  latency: Distribution;
  burst: BurstResult;
  memory: ProcessMemory[];
}

type Row = [figure: string, value: string, unit: string];

const ms = (value: number) => value.toFixed(1);
const perSecond = (writes: number, elapsedMs: number) => (writes / (elapsedMs / 1000)).toFixed(1);

/** The parameters on one line, then one table of every figure. */
export function formatReport(options: BenchOptions, figures: BenchFigures): string {
  const { latency, burst, memory } = figures;
  const burstWrites = options['burst-writes'];
  const rows: Row[] = [
    [`latency p50, Vault write -> visible in AWS (${latency.count} single writes)`, ms(latency.p50), 'ms'],
    ['latency p95', ms(latency.p95), 'ms'],
    ['latency p99', ms(latency.p99), 'ms'],
    ['latency max', ms(latency.max), 'ms'],
    ['latency mean', ms(latency.mean), 'ms'],
    [`burst: ${burstWrites} writes over ${options['burst-secrets']} secrets, Vault acknowledged in`, ms(burst.writingMs), 'ms'],
    ['burst: Vault write rate', perSecond(burstWrites, burst.writingMs), 'writes/s'],
    ['burst: settle time after the last write', ms(burst.settleMs), 'ms'],
    ['burst: synced throughput (first write -> all settled)', perSecond(burstWrites, burst.totalMs), 'writes/s'],
    ['burst: AWS versions written (coalesced writes)', String(burst.awsVersions), 'versions'],
    ...memory.map(({ name, peakRssMiB }): Row => [`peak RSS ${name}`, peakRssMiB === undefined ? 'n/a' : peakRssMiB.toFixed(1), 'MiB']),
  ];
  const widths = [0, 1, 2].map((column) => Math.max(...rows.map((row) => row[column].length)));
  const parameters = Object.entries(options).map(([name, value]) => `${name}=${value}`).join(' ');
  const table = rows.map(([figure, value, unit]) => `${figure.padEnd(widths[0])}  ${value.padStart(widths[1])} ${unit}`);
  return [`vault-sync bench: ${parameters}`, ...table, ''].join('\n');
}
