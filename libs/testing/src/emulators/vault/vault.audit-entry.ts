import { createHmac } from 'node:crypto';
import { IncomingHttpHeaders } from 'node:http';
import { CallerAuth } from './vault.call';
import { asGoMaps, encodeGoJson, GoMap, isPlainObject } from './vault.go-json';
import { Mount } from './vault.mounts';
import { multiError, VaultReply } from './vault.reply';
import { formatTimestamp } from './vault.time';
import { Token } from './vault.tokens';

/** The request part of an entry; the enable-time test probe has only id, operation and path. */
export interface AuditedRequest {
  id: string;
  path: string;
  operation: string;
  data?: Record<string, unknown>;
  clientToken?: string;
  headers?: IncomingHttpHeaders;
  remoteAddress?: string;
  remotePort?: number;
  requestUri?: string;
  mount?: Mount;
}

export interface AuditRecord {
  type: 'request' | 'response';
  request: AuditedRequest;
  auth?: CallerAuth;
  /** Absent: no `response` key, as current Vault writes for answers without a body (spec §2.1). */
  response?: { data?: Record<string, unknown> | null; auth?: Token };
  error?: string;
}

/** How one device writes entries (its options, spec §1.1, and its own salt, spec §2.5). */
export interface EntryFormat {
  salt: string;
  hmacAccessor: boolean;
  logRaw: boolean;
  elideListResponses: boolean;
}

/** Headers audited without any `sys/config/auditing` setup (spec §2.3). */
const DEFAULT_AUDITED_HEADERS = ['correlation-id', 'user-agent', 'x-correlation-id'];

/** `hmac-sha256:<hex>` of a value under a device's salt: also what `sys/audit-hash` answers. */
export function hmacWithSalt(salt: string, value: string): string {
  return `hmac-sha256:${createHmac('sha256', salt).update(value).digest('hex')}`;
}

/**
 * Replaces every string at any depth with its HMAC (spec §2.5). Request bodies are decoded as Go's
 * `json.Number`, a string type, so their numbers are hashed too; response numbers and booleans stay clear.
 */
function hashValues(value: unknown, hash: (text: string) => string, hashNumbers: boolean): unknown {
  if (typeof value === 'string') return hash(value);
  if (typeof value === 'number' && hashNumbers) return hash(String(value));
  if (Array.isArray(value)) return value.map((item) => hashValues(item, hash, hashNumbers));
  if (isPlainObject(value)) return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, hashValues(inner, hash, hashNumbers)]));
  return value;
}

/** How a handler's reply shows in the response entry: its `response` block (if any) and the outer `error`. */
export function auditedOutcome(reply: VaultReply): Pick<AuditRecord, 'response' | 'error'> {
  switch (reply.kind) {
    case 'data':
      return { response: { data: reply.data, auth: reply.auth } };
    case 'empty':
    case 'not-found':
      return {};
    case 'data-with-status': {
      // KV answers these through a raw HTTP response, so the audited data is the raw-response triple.
      const rawBody = Buffer.from(JSON.stringify({ data: reply.data })).toString('base64');
      return { response: { data: { http_content_type: 'application/json', http_raw_body: rawBody, http_status_code: reply.status } } };
    }
    case 'invalid':
      return { response: { data: { error: reply.message } }, error: multiError('invalid request') };
    case 'failure':
      return { error: reply.message };
  }
}

class EntryFormatter {
  constructor(private readonly format: EntryFormat) {}

  private hash = (text: string): string => (this.format.logRaw ? text : hmacWithSalt(this.format.salt, text));

  private accessor(accessor: string): string {
    return this.format.hmacAccessor ? this.hash(accessor) : accessor;
  }

  private data(value: Record<string, unknown> | null | undefined, isRequest: boolean): unknown {
    if (value === undefined) return undefined;
    const hashed = this.format.logRaw ? value : hashValues(value, this.hash, isRequest);
    return asGoMaps(hashed);
  }

  tokenAuth(token: Token, policyResults?: CallerAuth['policyResults']): Record<string, unknown> {
    return {
      accessor: this.accessor(token.accessor),
      client_token: this.hash(token.id),
      display_name: token.displayName,
      metadata: token.meta ? new GoMap(token.meta) : undefined,
      num_uses: token.numUses || undefined,
      policies: token.policies,
      policy_results: policyResults && {
        allowed: policyResults.allowed,
        granting_policies: policyResults.grantingPolicies.length
          ? policyResults.grantingPolicies.map((name) => ({ name, namespace_id: 'root', type: 'acl' }))
          : undefined,
      },
      token_policies: token.policies,
      token_issue_time: formatTimestamp((token.issuedNs / 1_000_000_000n) * 1_000_000_000n),
      token_ttl: token.ttlSeconds || undefined,
      token_type: 'service',
    };
  }

  request(request: AuditedRequest, caller: Token | undefined): Record<string, unknown> {
    const { mount } = request;
    const headers = Object.fromEntries(
      DEFAULT_AUDITED_HEADERS.flatMap((name) => {
        const value = request.headers?.[name];
        return value === undefined ? [] : [[name, Array.isArray(value) ? value : [value]]];
      }),
    );
    return {
      client_token: request.clientToken === undefined ? undefined : this.hash(request.clientToken),
      client_token_accessor: caller && this.accessor(caller.accessor),
      data: this.data(request.data, true),
      headers: Object.keys(headers).length ? new GoMap(headers) : undefined,
      id: request.id,
      mount_accessor: mount?.accessor,
      mount_class: mount?.mountClass,
      mount_point: mount?.path,
      mount_running_version: mount?.runningPluginVersion,
      mount_type: mount?.type,
      namespace: { id: 'root' },
      operation: request.operation,
      path: request.path,
      remote_address: request.remoteAddress,
      remote_port: request.remotePort,
      request_uri: request.requestUri,
    };
  }

  response(record: AuditRecord): Record<string, unknown> | undefined {
    if (!record.response) return undefined;
    const { mount } = record.request;
    let data = record.response.data;
    if (this.format.elideListResponses && record.request.operation === 'list' && data) data = elideList(data);
    return {
      auth: record.response.auth ? this.tokenAuth(record.response.auth) : undefined,
      data: this.data(data, false),
      mount_accessor: mount?.accessor,
      mount_class: mount?.mountClass,
      mount_point: mount?.path,
      mount_running_plugin_version: mount?.runningPluginVersion,
      mount_type: mount?.type,
    };
  }
}

/** `elide_list_responses`: list `keys` and `key_info` become their counts (spec §1.1). */
function elideList(data: Record<string, unknown>): Record<string, unknown> {
  const elided = { ...data };
  if (Array.isArray(data['keys'])) elided['keys'] = data['keys'].length;
  if (isPlainObject(data['key_info'])) elided['key_info'] = Object.keys(data['key_info']).length;
  return elided;
}

/**
 * One audit entry as a device writes it: current Vault's layout (spec §2, constructed examples §2.7), absent
 * zero values, HMAC per the device's options, Go's JSON encoding, and the `\n` that frames it (§1.3).
 */
export function formatEntry(record: AuditRecord, format: EntryFormat, timeNs: bigint): string {
  const formatter = new EntryFormatter(format);
  const entry = {
    time: formatTimestamp(timeNs),
    auth: record.auth ? formatter.tokenAuth(record.auth.token, record.auth.policyResults) : undefined,
    error: record.error || undefined,
    request: formatter.request(record.request, record.auth?.token),
    response: formatter.response(record),
    type: record.type,
  };
  return `${encodeGoJson(entry)}\n`;
}
