import { childKeys } from './vault.kv-list';

/** One KV v1 mount: a flat, unversioned map from path to data. */
export class KvV1Store {
  private readonly secrets = new Map<string, Record<string, unknown>>();

  exists(path: string): boolean {
    return this.secrets.has(path);
  }

  read(path: string): Record<string, unknown> | undefined {
    return this.secrets.get(path);
  }

  write(path: string, data: Record<string, unknown>): void {
    this.secrets.set(path, data);
  }

  delete(path: string): void {
    this.secrets.delete(path);
  }

  list(folder: string): string[] {
    return childKeys(this.secrets.keys(), folder);
  }

  snapshot(): Record<string, unknown> {
    return Object.fromEntries(this.secrets);
  }
}
