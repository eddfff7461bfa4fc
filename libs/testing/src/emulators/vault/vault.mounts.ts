import { newMountAccessor, newUuid } from './vault.ids';
import { KvV1Store } from './vault.kv1.store';
import { KvV2Store } from './vault.kv2.store';
import { VaultClock } from './vault.time';

/** The Vault release the emulator answers as, and its built-in plugin versions. */
export const VAULT_VERSION = '1.21.1';
export const KV_PLUGIN_VERSION = 'v0.25.0+builtin';
const BUILTIN_VERSION = `v${VAULT_VERSION}+builtin.vault`;

export type MountEngine = { kind: 'kv2'; store: KvV2Store } | { kind: 'kv1'; store: KvV1Store } | { kind: 'system' } | { kind: 'token' } | { kind: 'unsupported' };

export interface Mount {
  /** With a trailing slash; auth mounts include `auth/` (`auth/token/`), as audit `mount_point` shows. */
  path: string;
  type: string;
  mountClass: 'secret' | 'auth';
  accessor: string;
  uuid: string;
  description: string;
  options: Record<string, string> | null;
  local: boolean;
  sealWrap: boolean;
  runningPluginVersion: string;
  engine: MountEngine;
}

/** Paths no secrets engine may be mounted at or under. */
const PROTECTED_PREFIXES = ['sys/', 'auth/', 'audit/', 'cubbyhole/', 'identity/'];
const BUILT_IN = new Set(['sys/', 'cubbyhole/', 'identity/', 'auth/token/']);

export type EnableOutcome = { kind: 'enabled'; mount: Mount } | { kind: 'invalid'; message: string };

/** The secret and auth mount tables; a dev-mode server starts with `secret/` as KV v2. */
export class MountTable {
  private mounts = new Map<string, Mount>();

  constructor(private readonly clock: VaultClock) {
    this.reset();
  }

  reset(): void {
    this.mounts = new Map();
    const builtIn = (path: string, type: string, accessorPrefix: string, engine: MountEngine, description: string, mountClass: Mount['mountClass'] = 'secret', local = false) =>
      this.add({ path, type, mountClass, accessor: newMountAccessor(accessorPrefix), uuid: newUuid(), description, options: null, local, sealWrap: false, runningPluginVersion: BUILTIN_VERSION, engine });
    builtIn('cubbyhole/', 'cubbyhole', 'cubbyhole', { kind: 'unsupported' }, 'per-token private secret storage', 'secret', true);
    builtIn('identity/', 'identity', 'identity', { kind: 'unsupported' }, 'identity store');
    builtIn('sys/', 'system', 'system', { kind: 'system' }, 'system endpoints used for control, policy and debugging');
    builtIn('auth/token/', 'token', 'auth_token', { kind: 'token' }, 'token based credentials', 'auth');
    this.enable('secret/', 'kv', { version: '2' }, 'key/value secret storage', false);
  }

  /** The mount that owns a logical path: the longest mount path that prefixes it. */
  resolve(path: string): Mount | undefined {
    let found: Mount | undefined;
    for (const mount of this.mounts.values()) {
      const owns = path.startsWith(mount.path) || `${path}/` === mount.path;
      if (owns && (!found || mount.path.length > found.path.length)) found = mount;
    }
    return found;
  }

  get(path: string): Mount | undefined {
    return this.mounts.get(withSlash(path));
  }

  secretMounts(): Mount[] {
    return [...this.mounts.values()].filter((mount) => mount.mountClass === 'secret').sort((a, b) => (a.path < b.path ? -1 : 1));
  }

  authMounts(): Mount[] {
    return [...this.mounts.values()].filter((mount) => mount.mountClass === 'auth');
  }

  /** `POST sys/mounts/<path>` for `kv` (v1 unless `options.version` is 2) and `kv-v2`. */
  enable(rawPath: string, rawType: string, options: Record<string, unknown> | null, description: string, local: boolean): EnableOutcome {
    const path = withSlash(rawPath);
    if (PROTECTED_PREFIXES.some((prefix) => path.startsWith(prefix))) return { kind: 'invalid', message: `cannot mount ${JSON.stringify(path)}` };
    const conflict = [...this.mounts.values()].find((mount) => mount.path.startsWith(path) || path.startsWith(mount.path));
    if (conflict) return { kind: 'invalid', message: `path is already in use at ${conflict.path}` };
    if (rawType !== 'kv' && rawType !== 'kv-v2') return { kind: 'invalid', message: `plugin not found in the catalog: ${rawType}` };
    const stringOptions = options === null ? null : Object.fromEntries(Object.entries(options).map(([key, value]) => [key, String(value)]));
    const finalOptions = rawType === 'kv-v2' ? { ...stringOptions, version: '2' } : stringOptions;
    const version = finalOptions?.['version'] ?? '1';
    if (version !== '1' && version !== '2') return { kind: 'invalid', message: `invalid KV version: ${version}` };
    const engine: MountEngine = version === '2' ? { kind: 'kv2', store: new KvV2Store(this.clock) } : { kind: 'kv1', store: new KvV1Store() };
    const mount: Mount = {
      path,
      type: 'kv',
      mountClass: 'secret',
      accessor: newMountAccessor('kv'),
      uuid: newUuid(),
      description,
      options: finalOptions,
      local,
      sealWrap: false,
      runningPluginVersion: KV_PLUGIN_VERSION,
      engine,
    };
    return { kind: 'enabled', mount: this.add(mount) };
  }

  /** `DELETE sys/mounts/<path>`: the engine and all its data go; built-in mounts cannot be disabled. */
  disable(rawPath: string): { kind: 'disabled' } | { kind: 'invalid'; message: string } {
    const path = withSlash(rawPath);
    if (BUILT_IN.has(path)) return { kind: 'invalid', message: `cannot unmount ${JSON.stringify(path)}` };
    this.mounts.delete(path);
    return { kind: 'disabled' };
  }

  private add(mount: Mount): Mount {
    this.mounts.set(mount.path, mount);
    return mount;
  }
}

export const withSlash = (path: string): string => (path.endsWith('/') ? path : `${path}/`);

/** A mount as `GET sys/mounts` lists it. */
export function mountView(mount: Mount): Record<string, unknown> {
  return {
    accessor: mount.accessor,
    config: { default_lease_ttl: 0, force_no_cache: false, max_lease_ttl: 0 },
    deprecation_status: mount.type === 'kv' ? 'supported' : undefined,
    description: mount.description,
    external_entropy_access: false,
    local: mount.local,
    options: mount.options,
    plugin_version: '',
    running_plugin_version: mount.runningPluginVersion,
    running_sha256: '',
    seal_wrap: mount.sealWrap,
    type: mount.type,
    uuid: mount.uuid,
  };
}
