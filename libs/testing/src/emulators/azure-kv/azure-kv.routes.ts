import { EmulatorRequest, EmulatorResponse, Router } from '../core/router';
import { KeyVaultError, keyVaultErrorResponse } from './azure-kv.errors';
import { propertiesUpdateOf, secretWriteOf } from './azure-kv.input';
import { assertApiVersion, assertSecretName, pageSizeOf } from './azure-kv.names';
import { SecretStore } from './azure-kv.store';
import { StoredSecret, StoredSecretVersion } from './azure-kv.types';
import { deletedSecretBundle, deletedSecretItem, page, secretBundle, secretItem, secretVersionItem, vaultUrlOf } from './azure-kv.view';

export interface AzureKvContext {
  store: SecretStore;
}

/** What a handler gets once the api-version and the name (when the route has one) have been checked. */
interface Call {
  request: EmulatorRequest;
  store: SecretStore;
  vaultUrl: string;
  apiVersion: string;
  name: string;
  days: number;
}

type CallHandler = (call: Call) => EmulatorResponse;

const ok = (body: unknown): EmulatorResponse => ({ status: 200, body });

function handle(handler: CallHandler) {
  return (request: EmulatorRequest, context: AzureKvContext): EmulatorResponse => {
    try {
      const apiVersion = assertApiVersion(request.query);
      const name = request.params['name'] ?? '';
      if ('name' in request.params) assertSecretName(name);
      return handler({ request, store: context.store, vaultUrl: vaultUrlOf(request), apiVersion, name, days: context.store.recoverableDays });
    } catch (error) {
      if (error instanceof KeyVaultError) return keyVaultErrorResponse(error);
      throw error;
    }
  };
}

function listPage<T>(call: Call, items: T[], keyOf: (item: T) => string, render: (item: T) => unknown): EmulatorResponse {
  const pageSize = pageSizeOf(call.request.query);
  const shown = page(items, keyOf, { vaultUrl: call.vaultUrl, path: call.request.path, apiVersion: call.apiVersion, pageSize, skipToken: call.request.query.get('$skiptoken') });
  return ok({ value: shown.items.map(render), nextLink: shown.nextLink });
}

const byName = (secret: StoredSecret) => secret.name.toLowerCase();
const byVersion = (version: StoredSecretVersion) => version.version;

const setSecret: CallHandler = (c) => {
  const { secret, version } = c.store.set(c.name, secretWriteOf(c.request));
  return ok(secretBundle(c.vaultUrl, secret, version, c.days, true));
};

const getSecret: CallHandler = (c) => {
  const { secret, version } = c.store.get(c.name, c.request.params['version']);
  return ok(secretBundle(c.vaultUrl, secret, version, c.days, true));
};

const updateSecret: CallHandler = (c) => {
  const { secret, version } = c.store.update(c.name, c.request.params['version'] ?? '', propertiesUpdateOf(c.request));
  return ok(secretBundle(c.vaultUrl, secret, version, c.days, false));
};

const deleteSecret: CallHandler = (c) => ok(deletedSecretBundle(c.vaultUrl, c.store.delete(c.name), c.days));

const getDeletedSecret: CallHandler = (c) => ok(deletedSecretBundle(c.vaultUrl, c.store.getDeleted(c.name), c.days));

const recoverDeletedSecret: CallHandler = (c) => {
  const secret = c.store.recover(c.name);
  return ok(secretBundle(c.vaultUrl, secret, secret.versions[secret.versions.length - 1], c.days, false));
};

const purgeDeletedSecret: CallHandler = (c) => {
  c.store.purge(c.name);
  return { status: 204 };
};

const getSecrets: CallHandler = (c) => listPage(c, c.store.list(), byName, (secret) => secretItem(c.vaultUrl, secret, c.days));

const getSecretVersions: CallHandler = (c) => {
  const secret = c.store.versions(c.name);
  const versions = [...secret.versions].sort((a, b) => (a.version < b.version ? -1 : 1));
  return listPage(c, versions, byVersion, (version) => secretVersionItem(c.vaultUrl, secret, version, c.days));
};

const getDeletedSecrets: CallHandler = (c) => listPage(c, c.store.listDeleted(), byName, (secret) => deletedSecretItem(c.vaultUrl, secret, c.days));

/**
 * The Key Vault secrets surface (spec §2.1). The latest version is addressed with an empty version segment
 * (`/secrets/{name}/`), which the router's optional trailing slash turns into the one-parameter route.
 */
export function azureKvRouter(): Router<AzureKvContext> {
  return new Router<AzureKvContext>()
    .add('GET', '/secrets', 'GetSecrets', handle(getSecrets))
    .add('PUT', '/secrets/:name', 'SetSecret', handle(setSecret))
    .add('DELETE', '/secrets/:name', 'DeleteSecret', handle(deleteSecret))
    .add('GET', '/secrets/:name/versions', 'GetSecretVersions', handle(getSecretVersions))
    .add('GET', '/secrets/:name', 'GetSecret', handle(getSecret))
    .add('GET', '/secrets/:name/:version', 'GetSecret', handle(getSecret))
    .add('PATCH', '/secrets/:name', 'UpdateSecret', handle(updateSecret))
    .add('PATCH', '/secrets/:name/:version', 'UpdateSecret', handle(updateSecret))
    .add('GET', '/deletedsecrets', 'GetDeletedSecrets', handle(getDeletedSecrets))
    .add('GET', '/deletedsecrets/:name', 'GetDeletedSecret', handle(getDeletedSecret))
    .add('DELETE', '/deletedsecrets/:name', 'PurgeDeletedSecret', handle(purgeDeletedSecret))
    .add('POST', '/deletedsecrets/:name/recover', 'RecoverDeletedSecret', handle(recoverDeletedSecret));
}
