import { AccessGuard, PERMISSIONS } from './gcp-sm.access';
import { compileFilter, FilterFields } from './gcp-sm.filter';
import { checkSecretId, parentName, parseParent, parseSecretName, parseVersionName, secretName } from './gcp-sm.names';
import { PageRequest, pageOf } from './gcp-sm.paging';
import { checkPayload, fieldsForCreate, fieldsForUpdate } from './gcp-sm.rules';
import { SecretManagerStore, VersionAction } from './gcp-sm.store';
import { SecretMessage, SecretPayloadMessage, SecretRecord, VersionRecord } from './gcp-sm.types';
import { accessView, secretView, versionView } from './gcp-sm.view';

export interface ServiceContext {
  store: SecretManagerStore;
  guard: AccessGuard;
  now(): number;
}

interface ListRequest extends PageRequest {
  parent?: string;
  filter?: string;
}

interface NameRequest {
  name?: string;
  etag?: string;
}

/** Parses a secret name, checks the RPC's permission on it, and gives the store's canonical name. */
function secretTarget(rpc: string, name: string | undefined, context: ServiceContext): string {
  const ref = parseSecretName(name ?? '');
  return secretName({ ...ref, project: context.guard.authorize(PERMISSIONS[rpc], name ?? '', ref.project) });
}

function versionTarget(rpc: string, name: string | undefined, context: ServiceContext): { secret: string; version: string } {
  const ref = parseVersionName(name ?? '');
  const project = context.guard.authorize(PERMISSIONS[rpc], name ?? '', ref.project);
  return { secret: secretName({ ...ref, project }), version: ref.version };
}

const secretFilterFields = (secret: SecretRecord): FilterFields => ({
  name: secret.name,
  ...Object.fromEntries(Object.entries(secret.labels).map(([key, value]) => [`labels.${key}`, value])),
});

const versionFilterFields = (secret: SecretRecord, version: VersionRecord): FilterFields => ({
  name: `${secret.name}/versions/${version.id}`,
  state: version.state,
});

function changeVersion(rpc: string, action: VersionAction) {
  return (request: NameRequest, context: ServiceContext) => {
    const target = versionTarget(rpc, request.name, context);
    const { secret, version } = context.store.changeVersion(target.secret, target.version, action, request.etag || undefined);
    return versionView(secret, version);
  };
}

/** The implemented RPCs of SecretManagerService, by method name; each throws GcpSmError to fail. */
export const SECRET_MANAGER_RPCS = {
  ListSecrets(request: ListRequest, context: ServiceContext) {
    const ref = parseParent(request.parent ?? '');
    const parent = parentName({ ...ref, project: context.guard.authorize(PERMISSIONS.ListSecrets, request.parent ?? '', ref.project) });
    const matches = compileFilter(request.filter ?? '', ['name', 'labels'], ['labels']);
    const secrets = context.store.list(parent).filter((secret) => matches(secretFilterFields(secret)));
    const { page, nextPageToken, totalSize } = pageOf(secrets, request);
    return { secrets: page.map(secretView), nextPageToken, totalSize };
  },

  CreateSecret(request: { parent?: string; secretId?: string; secret?: SecretMessage }, context: ServiceContext) {
    const ref = parseParent(request.parent ?? '');
    const project = context.guard.authorize(PERMISSIONS.CreateSecret, request.parent ?? '', ref.project);
    const secretId = request.secretId ?? '';
    checkSecretId(secretId);
    const fields = fieldsForCreate(request.secret ?? {}, ref.location !== undefined, context.now());
    return secretView(context.store.create(secretName({ ...ref, project, secretId }), fields));
  },

  AddSecretVersion(request: { parent?: string; payload?: SecretPayloadMessage }, context: ServiceContext) {
    const target = secretTarget('AddSecretVersion', request.parent, context);
    const { secret, version } = context.store.addVersion(target, checkPayload(request.payload));
    return versionView(secret, version);
  },

  GetSecret(request: NameRequest, context: ServiceContext) {
    return secretView(context.store.get(secretTarget('GetSecret', request.name, context)));
  },

  UpdateSecret(request: { secret?: SecretMessage; updateMask?: { paths?: string[] } }, context: ServiceContext) {
    const secret = request.secret ?? {};
    const target = secretTarget('UpdateSecret', secret.name, context);
    const fields = fieldsForUpdate(secret, request.updateMask?.paths, context.now());
    return secretView(context.store.update(target, fields, secret.etag || undefined));
  },

  DeleteSecret(request: NameRequest, context: ServiceContext) {
    context.store.delete(secretTarget('DeleteSecret', request.name, context), request.etag || undefined);
    return {};
  },

  ListSecretVersions(request: ListRequest, context: ServiceContext) {
    const target = secretTarget('ListSecretVersions', request.parent, context);
    const matches = compileFilter(request.filter ?? '', ['name', 'state']);
    const { secret, versions } = context.store.versions(target);
    const { page, nextPageToken, totalSize } = pageOf(
      versions.filter((version) => matches(versionFilterFields(secret, version))),
      request,
    );
    return { versions: page.map((version) => versionView(secret, version)), nextPageToken, totalSize };
  },

  GetSecretVersion(request: NameRequest, context: ServiceContext) {
    const target = versionTarget('GetSecretVersion', request.name, context);
    const { secret, version } = context.store.version(target.secret, target.version);
    return versionView(secret, version);
  },

  AccessSecretVersion(request: NameRequest, context: ServiceContext) {
    const target = versionTarget('AccessSecretVersion', request.name, context);
    const { secret, version, data } = context.store.access(target.secret, target.version);
    return accessView(secret, version, data);
  },

  EnableSecretVersion: changeVersion('EnableSecretVersion', 'enable'),
  DisableSecretVersion: changeVersion('DisableSecretVersion', 'disable'),
  DestroySecretVersion: changeVersion('DestroySecretVersion', 'destroy'),
};
