import { ErrorCode, InternalVaultError, VaultSyncError } from '@vault-sync/domain';
import { z } from 'zod';
import { AppRoleAuth } from './auth/approle-auth';
import { AuthSource, StaticTokenAuth } from './auth/auth-source';
import { Clock, systemClock } from './clock';
import { parseBody } from './http/vault-error-mapping';
import { VaultHttp } from './http/vault-http';
import { apiPath, describeRequest, VaultRequest, VaultResponse } from './http/vault-request';
import { classifyVersionedRead, isEmptyNotFound, KvCall } from './kv/classify-kv-response';
import { MetadataRead, SecretRead, SubkeysRead } from './kv/kv-v2.results';
import { dataReadSchema, listSchema, metadataReadSchema, subkeysReadSchema } from './kv/kv-v2.schemas';
import { MountCache } from './mounts/mount-cache';
import { mountForPath, mountWithAccessor, parseMountTable, uiMountSchema } from './mounts/mount-table';
import { toVaultMount, VaultMount } from './mounts/vault-mount';
import { parseVaultClientOptions, VaultClientDeps, VaultClientOptionsInput } from './vault-client.options';

const capabilitiesSchema = z.object({ data: z.record(z.string(), z.unknown()) });
const capabilityList = z.array(z.string());

const mountMissing = (what: string) => new InternalVaultError(ErrorCode.MountNotFound, `no Vault mount ${what}`, { retryable: false });

/**
 * The engine's view of Vault: KV v2 reads that tell deleted, destroyed and absent versions apart, listings,
 * the mount table, and the gateway's permission check with a caller's token (spec vault-sync-api §8,
 * change-capture §4). Reads only; secret values are returned, never logged or put in errors.
 */
export class VaultClient {
  private readonly mounts: MountCache;

  private constructor(
    private readonly http: VaultHttp,
    private readonly auth: AuthSource,
    mountCacheTtlMs: number,
    clock: Clock,
  ) {
    this.mounts = new MountCache(() => this.loadMountTable(), mountCacheTtlMs, clock);
  }

  /** Throws `ConfigurationError` for invalid options; makes no request until first used. */
  static create(input: VaultClientOptionsInput, deps: VaultClientDeps = {}): VaultClient {
    const options = parseVaultClientOptions(input);
    const clock = deps.clock ?? systemClock;
    const http = new VaultHttp({
      address: options.address,
      namespace: options.namespace,
      requestTimeoutMs: options.requestTimeoutMs,
      retry: options.retry,
      fetch: deps.fetch ?? fetch,
      clock,
      random: deps.random ?? Math.random,
      logger: deps.logger,
    });
    const auth = options.auth.method === 'token' ? new StaticTokenAuth(options.auth.token) : new AppRoleAuth(http, options.auth, clock, deps.logger);
    return new VaultClient(http, auth, options.mountCacheTtlMs, clock);
  }

  /** The service's own token, fresh (AppRole renewed), for clients of other Vault endpoints such as events. */
  currentToken(): Promise<string> {
    return this.auth.token();
  }

  /** `GET <mount>/data/<path>[?version=n]`: the latest version unless `version` is given. */
  async readSecret(mountPath: string, secretPath: string, version?: number): Promise<SecretRead> {
    const request = this.kvRequest(mountPath, 'data', secretPath, version === undefined ? {} : { version: String(version) });
    const read = classifyVersionedRead(await this.send(request), this.kvCall(mountPath, request), dataReadSchema);
    return read.kind === 'found' ? { kind: 'found', data: read.values, metadata: read.metadata } : read;
  }

  /** `GET <mount>/subkeys/<path>`: the key tree with null leaves, without reading values into our process. */
  async subkeys(mountPath: string, secretPath: string, options: { version?: number; depth?: number } = {}): Promise<SubkeysRead> {
    const query = Object.fromEntries(Object.entries(options).flatMap(([name, value]) => (value === undefined ? [] : [[name, String(value)]])));
    const request = this.kvRequest(mountPath, 'subkeys', secretPath, query);
    const read = classifyVersionedRead(await this.send(request), this.kvCall(mountPath, request), subkeysReadSchema);
    return read.kind === 'found' ? { kind: 'found', subkeys: read.values, metadata: read.metadata } : read;
  }

  /** `GET <mount>/metadata/<path>`. */
  async readMetadata(mountPath: string, secretPath: string): Promise<MetadataRead> {
    const request = this.kvRequest(mountPath, 'metadata', secretPath, {});
    const response = await this.send(request);
    if (response.status === 404 && isEmptyNotFound(response, this.kvCall(mountPath, request))) return { kind: 'absent' };
    return { kind: 'found', metadata: parseBody(metadataReadSchema, response.body, describeRequest(request)).data };
  }

  /** `LIST <mount>/metadata/<folder>/`: names in the folder, sub-folders ending in `/`; empty or missing → `[]`. */
  async listSecrets(mountPath: string, folder = ''): Promise<string[]> {
    const request = this.kvRequest(mountPath, 'metadata', folder, { list: 'true' });
    const listing = { ...request, path: `${request.path}/` };
    const response = await this.send(listing);
    if (response.status === 404 && isEmptyNotFound(response, this.kvCall(mountPath, listing))) return [];
    return parseBody(listSchema, response.body, describeRequest(listing)).data.keys;
  }

  /** `GET sys/mounts`, always read fresh (and cached for the lookups below). */
  listMounts(): Promise<VaultMount[]> {
    return this.mounts.refresh();
  }

  /**
   * The mount owning `path` (a mount path or any path inside it). Falls back to `sys/internal/ui/mounts/<path>`
   * when our token may not read `sys/mounts`. Throws `mount_not_found` when no mount serves the path.
   */
  async resolveMount(path: string): Promise<VaultMount> {
    try {
      const mount = await this.mounts.find((table) => mountForPath(table, path));
      if (mount) return mount;
    } catch (err) {
      if (!(err instanceof VaultSyncError && err.code === ErrorCode.VaultPermissionDenied)) throw err;
      return this.resolveMountWithoutTable(path);
    }
    throw mountMissing(`serves "${path}"`);
  }

  /** The mount an association points at; throws `mount_not_found` once it is gone (disabled or remounted away). */
  async mountByAccessor(accessor: string): Promise<VaultMount> {
    const mount = await this.mounts.find((table) => mountWithAccessor(table, accessor));
    if (!mount) throw mountMissing(`has accessor "${accessor}"`);
    return mount;
  }

  /**
   * `POST sys/capabilities-self` with the **caller's** token (the gateway's delegated auth), in the caller's
   * namespace when given. Every requested path gets an entry; a path Vault did not answer gets `[]`.
   */
  async capabilitiesSelf(callerToken: string, paths: readonly string[], namespace?: string): Promise<Record<string, string[]>> {
    if (paths.length === 0) return {};
    const request: VaultRequest = { method: 'POST', path: 'sys/capabilities-self', body: { paths: [...paths] }, token: callerToken, namespace };
    const { data } = parseBody(capabilitiesSchema, (await this.http.send(request)).body, describeRequest(request));
    return Object.fromEntries(paths.map((path) => [path, capabilityList.safeParse(data[path]).data ?? []]));
  }

  /** Stops token renewal. */
  close(): void {
    this.auth.close();
  }

  private async send(request: VaultRequest): Promise<VaultResponse> {
    return this.http.send({ ...request, token: await this.auth.token() });
  }

  private kvRequest(mountPath: string, endpoint: 'data' | 'metadata' | 'subkeys', secretPath: string, query: Record<string, string>): VaultRequest {
    return { method: 'GET', path: apiPath(mountPath, endpoint, secretPath), query };
  }

  private kvCall(mountPath: string, request: VaultRequest): KvCall {
    return { mountPath, operation: describeRequest(request) };
  }

  private async loadMountTable(): Promise<VaultMount[]> {
    const request: VaultRequest = { method: 'GET', path: 'sys/mounts' };
    return parseMountTable((await this.send(request)).body, describeRequest(request));
  }

  private async resolveMountWithoutTable(path: string): Promise<VaultMount> {
    const request: VaultRequest = { method: 'GET', path: apiPath('sys/internal/ui/mounts', path) };
    const response = await this.send(request);
    if (response.status === 404) throw mountMissing(`serves "${path}"`);
    const { data } = parseBody(uiMountSchema, response.body, describeRequest(request));
    return toVaultMount(data.path, data);
  }
}
