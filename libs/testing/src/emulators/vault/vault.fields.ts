import { isPlainObject } from './vault.go-json';
import { parseDuration } from './vault.time';

/**
 * Vault's lenient field parsing (vault-sync-api §2): numbers and booleans may come as strings, lists as JSON
 * arrays or comma-separated strings. A value of the wrong shape is a 400 with this message.
 */
export class FieldError extends Error {
  constructor(name: string, value: unknown) {
    super(`error converting input ${JSON.stringify(value)} for field ${JSON.stringify(name)}`);
  }
}

type Data = Record<string, unknown> | undefined;

export function intField(data: Data, name: string): number | undefined {
  const value = data?.[name];
  if (value === undefined || value === null || value === '') return undefined;
  const number = typeof value === 'string' ? Number(value) : value;
  if (typeof number !== 'number' || !Number.isInteger(number)) throw new FieldError(name, value);
  return number;
}

export function boolField(data: Data, name: string): boolean | undefined {
  const value = data?.[name];
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value === 'boolean') return value;
  if (typeof value === 'string' && ['1', 't', 'T', 'TRUE', 'true', 'True'].includes(value)) return true;
  if (typeof value === 'string' && ['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(value)) return false;
  throw new FieldError(name, value);
}

export function stringField(data: Data, name: string): string | undefined {
  const value = data?.[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return String(value);
  throw new FieldError(name, value);
}

export function stringListField(data: Data, name: string): string[] | undefined {
  const value = data?.[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string') return value.split(',').map((item) => item.trim()).filter(Boolean);
  if (Array.isArray(value) && value.every((item) => typeof item === 'string' || typeof item === 'number')) return value.map(String);
  throw new FieldError(name, value);
}

export function intListField(data: Data, name: string): number[] | undefined {
  const items = stringListField(data, name);
  if (items === undefined) return undefined;
  return items.map((item) => {
    const number = Number(item);
    if (!Number.isInteger(number)) throw new FieldError(name, data?.[name]);
    return number;
  });
}

export function stringMapField(data: Data, name: string): Record<string, string | null> | null | undefined {
  const value = data?.[name];
  if (value === undefined) return undefined;
  if (value === null) return null;
  if (!isPlainObject(value) || !Object.values(value).every((item) => item === null || typeof item === 'string')) throw new FieldError(name, value);
  return value as Record<string, string | null>;
}

export function objectField(data: Data, name: string): Record<string, unknown> | undefined {
  const value = data?.[name];
  if (value === undefined || value === null) return undefined;
  if (!isPlainObject(value)) throw new FieldError(name, value);
  return value;
}

/** Nanoseconds; a Go duration string or whole seconds. */
export function durationField(data: Data, name: string): bigint | undefined {
  const value = data?.[name];
  if (value === undefined || value === null) return undefined;
  const parsed = parseDuration(value);
  if (parsed === undefined) throw new FieldError(name, value);
  return parsed;
}
