import { Duration, Timestamp } from './gcp-sm.types';

export const millisOf = (value: Timestamp | Duration): number => Number(value.seconds ?? 0) * 1000 + Math.floor((value.nanos ?? 0) / 1e6);

export const timestampOf = (ms: number): Timestamp => ({ seconds: String(Math.floor(ms / 1000)), nanos: (ms % 1000) * 1e6 });

export const durationOf = timestampOf;
