import { requestJson } from './http-json';

/** One entry of `GET .../associations` (spec vault-sync-api §3.6, with our `last_error*` extension). */
export interface AssociationEntry {
  accessor: string;
  secret_name: string;
  sub_key?: string;
  sync_status: string;
  updated_at: string;
  last_error?: string;
  last_error_code?: string;
}

/** The gateway's `/v1/sys/sync` API, called over HTTP with a static API token. */
export class SyncApi {
  constructor(
    readonly url: string,
    private readonly token: string,
  ) {}

  async createAwsDestination(name: string, fields: Record<string, unknown>): Promise<void> {
    await this.call('POST', `destinations/aws-sm/${name}`, fields);
  }

  async setAssociation(destination: string, secretName: string): Promise<void> {
    await this.call('POST', `destinations/aws-sm/${destination}/associations/set`, { mount: 'secret', secret_name: secretName });
  }

  async removeAssociation(destination: string, secretName: string): Promise<void> {
    await this.call('POST', `destinations/aws-sm/${destination}/associations/remove`, { mount: 'secret', secret_name: secretName });
  }

  /** The destination's entries for one secret (one, or one per sub key under `secret-key` granularity). */
  async entriesOf(destination: string, secretName: string): Promise<AssociationEntry[]> {
    return (await this.associations(destination)).filter((entry) => entry.secret_name === secretName);
  }

  async associations(destination: string): Promise<AssociationEntry[]> {
    const reply = await this.call<{ data: { associated_secrets: Record<string, AssociationEntry> } }>('GET', `destinations/aws-sm/${destination}/associations`);
    return Object.values(reply.data.associated_secrets);
  }

  private call<T>(method: string, path: string, body?: unknown): Promise<T> {
    return requestJson<T>(`${this.url}/v1/sys/sync/${path}`, method, { headers: { 'x-vault-token': this.token }, body });
  }
}
