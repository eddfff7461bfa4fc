import { EmulatorRequest, EmulatorResponse } from '../core/router';
import { Operation } from './vault.acl';
import { AuditBroker } from './vault.audit-broker';
import { auditedOutcome, AuditRecord } from './vault.audit-entry';
import { CallerAuth, VaultCall } from './vault.call';
import { VaultEventBus } from './vault.events';
import { FieldError } from './vault.fields';
import { newUuid } from './vault.ids';
import { kv1Route } from './vault.kv1.handlers';
import { kvV2EventOf } from './vault.kv2.events';
import { kv2Route } from './vault.kv2.handlers';
import { Mount, MountTable, VAULT_VERSION } from './vault.mounts';
import { PolicyStore } from './vault.policies';
import { errorResponse, httpAnswer, INTERNAL_ERROR, invalidReply, PERMISSION_DENIED, unsupportedPath, VaultReply } from './vault.reply';
import { API_PREFIX, ParsedRequest, parseRequest } from './vault.request';
import { EngineRoute } from './vault.route';
import { sysRoute } from './vault.sys.handlers';
import { unixSeconds, VaultClock } from './vault.time';
import { tokenRoute } from './vault.token.handlers';
import { TokenStore } from './vault.tokens';

const HEALTH_PATH = `${API_PREFIX}sys/health`;

/**
 * The emulated Vault node: mount table, tokens, policies and audit devices, and the request pipeline Vault
 * runs for every logical request — token check, ACL, request audit, handler, response audit (spec §1.4, §6.1).
 */
export class VaultServer {
  readonly mounts: MountTable;
  readonly tokens: TokenStore;
  readonly policies = new PolicyStore();
  readonly audit: AuditBroker;
  readonly events: VaultEventBus;
  private readonly clusterId = newUuid();

  constructor(
    readonly clock: VaultClock,
    rootToken: string,
  ) {
    this.mounts = new MountTable(clock);
    this.tokens = new TokenStore(rootToken, clock);
    this.audit = new AuditBroker(clock);
    this.events = new VaultEventBus(clock, (token) => {
      const found = this.tokens.find(token);
      return found && this.policies.aclFor(found.policies);
    });
  }

  async handle(request: EmulatorRequest): Promise<EmulatorResponse> {
    if (request.path === HEALTH_PATH && (request.method === 'GET' || request.method === 'HEAD')) return this.health();
    const parsed = parseRequest(request);
    if (parsed.kind === 'rejected') return parsed.response;
    const { call, route } = this.resolve(parsed.request);

    const token = this.tokens.find(call.clientToken);
    if (!token) return this.deny(call, undefined);
    const acl = this.policies.aclFor(token.policies);
    const decision = route.skipsAcl ? { allowed: true, grantingPolicies: [] } : acl.check(call.path, call.operation, route.sudo);
    const auth: CallerAuth = { token, policyResults: decision };
    if (!decision.allowed) return this.deny(call, auth);

    // The request entry must reach a device before anything happens (spec §1.4).
    if (!(await this.audit.log({ type: 'request', request: call, auth }))) return errorResponse(500, [INTERNAL_ERROR]);
    const reply = await this.run(route, call);
    const event = kvV2EventOf(call, route.kind, reply);
    if (event) this.events.publish(event);
    const answer = httpAnswer(call, reply);
    // The change is committed even when its response entry cannot be written; the client still gets 500.
    if (!(await this.audit.log({ type: 'response', request: call, auth, ...auditedOutcome(reply) }))) return errorResponse(500, [INTERNAL_ERROR]);
    return answer;
  }

  /** The operation name used for request counts and fault injection, e.g. `create kv-v2/data`. */
  operationName(request: EmulatorRequest): string {
    if (request.path === HEALTH_PATH) return 'read sys/health';
    const parsed = parseRequest(request);
    if (parsed.kind === 'rejected') return 'rejected';
    const { call, route } = this.resolve(parsed.request);
    return `${call.operation} ${route.kind}`;
  }

  async reset(): Promise<void> {
    this.mounts.reset();
    this.tokens.reset();
    this.policies.reset();
    this.clock.reset();
    this.events.dropSubscribers();
    await this.audit.reset();
  }

  snapshot(): Record<string, unknown> {
    const engines = Object.fromEntries(
      this.mounts.secretMounts().flatMap((mount) => {
        const { engine } = mount;
        if (engine.kind !== 'kv2' && engine.kind !== 'kv1') return [];
        return [[mount.path, { accessor: mount.accessor, version: engine.kind === 'kv2' ? 2 : 1, ...engine.store.snapshot() }]];
      }),
    );
    return { mounts: engines, tokens: this.tokens.snapshot(), policies: this.policies.snapshot(), auditDevices: this.audit.snapshot() };
  }

  private resolve(request: ParsedRequest): { call: VaultCall; route: EngineRoute } {
    const mount = this.mounts.resolve(request.path);
    const route = this.routeFor(mount, request.path);
    const operation: Operation = request.baseOperation === 'write' ? (route.exists === false ? 'create' : 'update') : request.baseOperation;
    const { path, data, clientToken, headers, remoteAddress, remotePort, requestUri } = request;
    return { call: { id: newUuid(), path, operation, data, clientToken, headers, remoteAddress, remotePort, requestUri, mount }, route };
  }

  private routeFor(mount: Mount | undefined, path: string): EngineRoute {
    const relative = mount ? path.slice(Math.min(mount.path.length, path.length)) : '';
    switch (mount?.engine.kind) {
      case 'kv2':
        return kv2Route(mount.engine.store, relative);
      case 'kv1':
        return kv1Route(mount.engine.store, relative);
      case 'system':
        return sysRoute(this, relative);
      case 'token':
        return tokenRoute(this.tokens, relative);
      case 'unsupported':
        return { kind: `${mount.type}/unsupported`, handle: unsupportedPath };
      case undefined:
        return { kind: 'unrouted', handle: () => ({ kind: 'failure', status: 404, message: `no handler for route ${JSON.stringify(path)}. route entry not found.` }) };
    }
  }

  private async run(route: EngineRoute, call: VaultCall): Promise<VaultReply> {
    try {
      return await route.handle(call);
    } catch (err) {
      if (err instanceof FieldError) return invalidReply(err.message);
      throw err;
    }
  }

  /** A refused token or ACL: only a request entry, carrying the error (spec §2.1 `error`). */
  private async deny(call: VaultCall, auth: CallerAuth | undefined): Promise<EmulatorResponse> {
    const record: AuditRecord = { type: 'request', request: call, auth, error: PERMISSION_DENIED };
    if (!(await this.audit.log(record))) return errorResponse(500, [INTERNAL_ERROR]);
    return errorResponse(403, [PERMISSION_DENIED]);
  }

  /** `GET sys/health` for an initialised, unsealed, active node; never audited. */
  private health(): EmulatorResponse {
    return {
      status: 200,
      body: {
        initialized: true,
        sealed: false,
        standby: false,
        performance_standby: false,
        replication_performance_mode: 'disabled',
        replication_dr_mode: 'disabled',
        server_time_utc: unixSeconds(this.clock.nowNs()),
        version: VAULT_VERSION,
        enterprise: false,
        cluster_name: `vault-cluster-${this.clusterId.slice(0, 8)}`,
        cluster_id: this.clusterId,
        echo_duration_ms: 0,
        clock_skew_ms: 0,
        replication_primary_canary_age_ms: 0,
      },
    };
  }
}
