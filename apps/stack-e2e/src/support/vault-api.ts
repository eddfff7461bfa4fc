import { requestJson } from './http-json';

/** The Vault (emulator) calls the tests make as an operator would, with the root token, on the `secret/` KV v2 mount. */
export class VaultApi {
  constructor(
    readonly url: string,
    private readonly token: string,
  ) {}

  /** Writes a new version; resolves with its number. `cas` makes the write fail unless the current version is that. */
  async put(path: string, data: Record<string, unknown>, cas?: number): Promise<number> {
    const body = { data, ...(cas === undefined ? {} : { options: { cas } }) };
    const reply = await this.call<{ data: { version: number } }>('POST', `secret/data/${path}`, body);
    return reply.data.version;
  }

  /** Soft-deletes the latest version. */
  async delete(path: string): Promise<void> {
    await this.call('DELETE', `secret/data/${path}`);
  }

  async mountAccessor(mount: string): Promise<string> {
    const reply = await this.call<{ data: { accessor: string } }>('GET', `sys/mounts/${mount}`);
    return reply.data.accessor;
  }

  /** A socket audit device streaming every request and response to `address` (`host:port`) over TCP. */
  async enableSocketAudit(name: string, address: string): Promise<void> {
    await this.call('PUT', `sys/audit/${name}`, { type: 'socket', options: { address, socket_type: 'tcp' } });
  }

  private call<T>(method: string, path: string, body?: unknown): Promise<T> {
    return requestJson<T>(`${this.url}/v1/${path}`, method, { headers: { 'x-vault-token': this.token }, body });
  }
}
