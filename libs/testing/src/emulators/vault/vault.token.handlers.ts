import { VaultCall } from './vault.call';
import { boolField, durationField, intField, stringField, stringListField, stringMapField } from './vault.fields';
import { dataReply, emptyReply, invalidReply, PERMISSION_DENIED, unsupportedOperation, unsupportedPath, VaultReply } from './vault.reply';
import { EngineRoute } from './vault.route';
import { TokenStore } from './vault.tokens';

function createToken(tokens: TokenStore, call: VaultCall): VaultReply {
  const parent = tokens.find(call.clientToken);
  if (!parent) return invalidReply(PERMISSION_DENIED, 403);
  const ttl = durationField(call.data, 'ttl');
  const meta = stringMapField(call.data, 'meta');
  const outcome = tokens.create(parent, {
    policies: stringListField(call.data, 'policies'),
    meta: meta && (Object.fromEntries(Object.entries(meta).filter(([, value]) => value !== null)) as Record<string, string>),
    displayName: stringField(call.data, 'display_name'),
    ttlSeconds: ttl === undefined ? undefined : Number(ttl / 1_000_000_000n),
    noDefaultPolicy: boolField(call.data, 'no_default_policy'),
    numUses: intField(call.data, 'num_uses'),
  });
  if (outcome.kind === 'invalid') return invalidReply(outcome.message);
  return dataReply(null, { auth: outcome.token });
}

/** Routes `auth/token/…`: create, lookup-self, lookup and revoke-self. */
export function tokenRoute(tokens: TokenStore, relativePath: string): EngineRoute {
  const only = (operation: VaultCall['operation'], handle: (call: VaultCall) => VaultReply): EngineRoute => ({
    kind: `auth/token/${relativePath}`,
    handle: (call) => (call.operation === operation ? handle(call) : unsupportedOperation()),
  });
  switch (relativePath) {
    case 'create':
      return only('update', (call) => createToken(tokens, call));
    case 'lookup-self':
      return only('read', (call) => {
        const token = tokens.find(call.clientToken);
        return token ? dataReply(tokens.lookupView(token)) : invalidReply(PERMISSION_DENIED, 403);
      });
    case 'lookup':
      return only('update', (call) => {
        const token = tokens.find(stringField(call.data, 'token'));
        return token ? dataReply(tokens.lookupView(token)) : invalidReply('bad token', 403);
      });
    case 'revoke-self':
      return only('update', (call) => {
        const token = tokens.find(call.clientToken);
        if (token) tokens.revoke(token);
        return emptyReply();
      });
    default:
      return { kind: 'auth/token/unknown', handle: unsupportedPath };
  }
}
