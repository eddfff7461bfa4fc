import { AuditBroker } from './vault.audit-broker';
import { VaultCall } from './vault.call';
import { boolField, objectField, stringField, stringListField } from './vault.fields';
import { Mount, MountTable, mountView, withSlash } from './vault.mounts';
import { PolicyStore } from './vault.policies';
import { dataReply, emptyReply, invalidReply, notFoundReply, unsupportedOperation, unsupportedPath, VaultReply } from './vault.reply';
import { EngineRoute, firstSegment } from './vault.route';
import { TokenStore } from './vault.tokens';

export interface SysContext {
  mounts: MountTable;
  policies: PolicyStore;
  tokens: TokenStore;
  audit: AuditBroker;
}

type Handlers = Partial<Record<VaultCall['operation'], (call: VaultCall) => VaultReply | Promise<VaultReply>>>;

/** A route answering only the given operations; others are Vault's 405 `unsupported operation`. */
function route(kind: string, handlers: Handlers, extra: Partial<EngineRoute> = {}): EngineRoute {
  return { kind, ...extra, handle: (call) => handlers[call.operation]?.(call) ?? unsupportedOperation() };
}

const policyOutcome = (outcome: { kind: 'written' } | { kind: 'invalid'; message: string }): VaultReply =>
  outcome.kind === 'written' ? emptyReply() : invalidReply(outcome.message);

function mountsRoute({ mounts }: SysContext, path: string): EngineRoute {
  if (!path) return route('sys/mounts', { read: () => dataReply(Object.fromEntries(mounts.secretMounts().map((mount) => [mount.path, mountView(mount)])), { dataAtTopLevel: true }) });
  const write = (call: VaultCall): VaultReply => {
    const type = stringField(call.data, 'type');
    if (!type) return invalidReply('backend type must be specified as a string');
    const outcome = mounts.enable(path, type, objectField(call.data, 'options') ?? null, stringField(call.data, 'description') ?? '', boolField(call.data, 'local') ?? false);
    return outcome.kind === 'enabled' ? emptyReply() : invalidReply(outcome.message);
  };
  return route('sys/mounts', {
    read: () => {
      const mount = mounts.get(path);
      return mount && mount.mountClass === 'secret' ? dataReply(mountView(mount)) : invalidReply(`No secret engine mount at ${withSlash(path)}`);
    },
    update: write,
    create: write,
    delete: () => {
      const outcome = mounts.disable(path);
      return outcome.kind === 'disabled' ? emptyReply() : invalidReply(outcome.message);
    },
  });
}

/** `path` as the UI mount endpoints show it: auth mounts without their `auth/` prefix. */
const uiPath = (mount: Mount) => (mount.mountClass === 'auth' ? mount.path.slice('auth/'.length) : mount.path);

/** `sys/internal/ui/mounts[/<path>]`: no ACL on the endpoint itself, only mounts the token can reach. */
function uiMountsRoute({ mounts, policies, tokens }: SysContext, path: string): EngineRoute {
  const aclOf = (call: VaultCall) => policies.aclFor(tokens.find(call.clientToken)?.policies ?? []);
  const view = (mount: Mount) => ({ ...mountView(mount), path: uiPath(mount) });
  return route(
    'sys/internal/ui/mounts',
    {
      read: (call) => {
        const acl = aclOf(call);
        if (!path) {
          const visible = (list: Mount[]) => Object.fromEntries(list.filter((mount) => acl.hasAccessUnder(mount.path)).map((mount) => [uiPath(mount), view(mount)]));
          return dataReply({ auth: visible(mounts.authMounts()), secret: visible(mounts.secretMounts()) });
        }
        const mount = mounts.resolve(path);
        if (!mount || !acl.hasAccessUnder(mount.path)) {
          return invalidReply(`preflight capability check returned 403, please ensure client's policies grant access to path ${JSON.stringify(withSlash(path))}`, 403);
        }
        return dataReply(view(mount));
      },
    },
    { skipsAcl: true },
  );
}

function capabilitiesSelfRoute({ policies, tokens }: SysContext): EngineRoute {
  return route('sys/capabilities-self', {
    update: (call) => {
      const paths = stringListField(call.data, 'paths') ?? stringListField(call.data, 'path') ?? [];
      const token = tokens.find(call.clientToken);
      if (!token || paths.length === 0) return invalidReply('missing token or paths');
      const acl = policies.aclFor(token.policies);
      const answer: Record<string, unknown> = Object.fromEntries(paths.map((path) => [path, acl.capabilities(path)]));
      // Kept by Vault for clients of the single-path API.
      if (paths.length === 1) answer['capabilities'] = answer[paths[0]];
      return dataReply(answer, { dataAtTopLevel: true });
    },
  });
}

/** `sys/policies/acl[/<name>]` (current API) and `sys/policy[/<name>]` (legacy, node-vault's `addPolicy`). */
function policiesRoute({ policies }: SysContext, name: string, legacy: boolean): EngineRoute {
  const kind = legacy ? 'sys/policy' : 'sys/policies/acl';
  if (!name) {
    const names = () => policies.names();
    return legacy ? route(kind, { read: () => dataReply({ keys: names(), policies: names() }, { dataAtTopLevel: true }) }) : route(kind, { list: () => dataReply({ keys: names() }) });
  }
  const write = (call: VaultCall): VaultReply => {
    const text = stringField(call.data, 'policy') ?? (legacy ? stringField(call.data, 'rules') : undefined);
    if (text === undefined) return invalidReply("'policy' parameter not supplied or empty");
    return policyOutcome(policies.write(name, text));
  };
  return route(
    kind,
    {
      read: () => {
        const text = policies.read(name);
        if (text === undefined) return notFoundReply();
        return legacy ? dataReply({ name: name.toLowerCase(), rules: text }, { dataAtTopLevel: true }) : dataReply({ name: name.toLowerCase(), policy: text });
      },
      create: write,
      update: write,
      delete: () => policyOutcome(policies.delete(name)),
    },
    { exists: policies.read(name) !== undefined },
  );
}

function auditRoute({ audit }: SysContext, path: string): EngineRoute {
  if (!path) return route('sys/audit', { read: () => dataReply(audit.list(), { dataAtTopLevel: true }) }, { sudo: true });
  return route(
    'sys/audit',
    {
      update: async (call) => {
        const type = stringField(call.data, 'type');
        if (!type) return invalidReply('type is required');
        const rawOptions = objectField(call.data, 'options') ?? {};
        const options = Object.fromEntries(Object.entries(rawOptions).map(([key, value]) => [key, String(value)]));
        const outcome = await audit.enable(path, { type, description: stringField(call.data, 'description') ?? '', options, local: boolField(call.data, 'local') ?? false });
        return outcome.kind === 'enabled' ? emptyReply() : invalidReply(outcome.message);
      },
      delete: async () => {
        await audit.disable(path);
        return emptyReply();
      },
    },
    { sudo: true },
  );
}

function auditHashRoute({ audit }: SysContext, path: string): EngineRoute {
  return route('sys/audit-hash', {
    update: (call) => {
      const input = stringField(call.data, 'input');
      if (input === undefined) return invalidReply('the "input" parameter is empty');
      const hash = audit.hash(path, input);
      return hash ? dataReply({ hash }) : invalidReply(`unknown audit backend ${withSlash(path)}`);
    },
  });
}

/** Routes a path under `sys/`. */
export function sysRoute(context: SysContext, relativePath: string): EngineRoute {
  const [head, rest] = firstSegment(relativePath);
  switch (head) {
    case 'mounts':
      return mountsRoute(context, rest);
    case 'internal':
      if (relativePath === 'internal/ui/mounts' || relativePath.startsWith('internal/ui/mounts/')) return uiMountsRoute(context, relativePath.slice('internal/ui/mounts/'.length));
      break;
    case 'capabilities-self':
      if (!rest) return capabilitiesSelfRoute(context);
      break;
    case 'policies': {
      const [type, name] = firstSegment(rest);
      if (type === 'acl') return policiesRoute(context, name, false);
      break;
    }
    case 'policy':
      return policiesRoute(context, rest, true);
    case 'audit':
      return auditRoute(context, rest);
    case 'audit-hash':
      if (rest) return auditHashRoute(context, rest);
      break;
  }
  return { kind: 'sys/unknown', handle: unsupportedPath };
}
