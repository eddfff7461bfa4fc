import { randomUUID } from 'node:crypto';
import { EmulatorRequest, EmulatorResponse, Router } from '../core/router';
import { EmulatorClock } from '../core/clock';
import { TokenSigner, VAULT_RESOURCE } from './azure-kv.tokens';
import { AzureIdentity } from './azure-kv.types';

export interface AuthorityContext {
  identity: AzureIdentity;
  /** The service principal's object id, the `oid`/`sub` of its tokens. */
  objectId: string;
  signer: TokenSigner;
  clock: EmulatorClock;
  tokenLifetimeSeconds: number;
}

/** Scopes MSAL may add to any request; they do not name a resource. */
const OIDC_SCOPES = new Set(['openid', 'profile', 'offline_access']);

const originOf = (request: EmulatorRequest) => `https://${request.headers.host ?? 'localhost'}`;
const sameTenant = (context: AuthorityContext, tenant: string) => tenant.toLowerCase() === context.identity.tenantId.toLowerCase();

/** `2024-05-01 12:34:56Z`, the timestamp format of AAD error bodies. */
const aadTimestamp = (ms: number) => new Date(ms).toISOString().replace('T', ' ').replace(/\.\d{3}Z$/, 'Z');

/**
 * An AAD (Microsoft Entra) error body (spec §2.1): `error`, an `AADSTS<n>:` description with trace and correlation
 * ids, `error_codes`, `timestamp`, `trace_id`, `correlation_id`, `error_uri`. MSAL surfaces `error` and the text.
 */
export function aadError(status: number, error: string, code: number, description: string, correlationId: string = randomUUID(), nowMs = Date.now()): EmulatorResponse {
  const traceId = randomUUID();
  const timestamp = aadTimestamp(nowMs);
  return {
    status,
    headers: { 'cache-control': 'no-store, no-cache', pragma: 'no-cache' },
    body: {
      error,
      error_description: `AADSTS${code}: ${description}\r\nTrace ID: ${traceId}\r\nCorrelation ID: ${correlationId}\r\nTimestamp: ${timestamp}`,
      error_codes: [code],
      timestamp,
      trace_id: traceId,
      correlation_id: correlationId,
      error_uri: `https://login.microsoftonline.com/error?code=${code}`,
    },
  };
}

const tenantNotFound = (tenant: string, correlationId?: string) =>
  aadError(400, 'invalid_tenant', 90002,
    `Tenant '${tenant}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud. Check with your subscription administrator, this may happen if there are no active subscriptions for the tenant.`,
    correlationId);

/** `GET /{tenant}/v2.0/.well-known/openid-configuration`: MSAL needs the endpoints and an issuer on its own origin. */
function openIdConfiguration(request: EmulatorRequest, context: AuthorityContext): EmulatorResponse {
  const tenant = request.params['tenant'];
  if (!sameTenant(context, tenant)) return tenantNotFound(tenant);
  const base = `${originOf(request)}/${tenant}`;
  return {
    status: 200,
    body: {
      token_endpoint: `${base}/oauth2/v2.0/token`,
      token_endpoint_auth_methods_supported: ['client_secret_post', 'private_key_jwt', 'client_secret_basic'],
      jwks_uri: `${base}/discovery/v2.0/keys`,
      response_modes_supported: ['query', 'fragment', 'form_post'],
      subject_types_supported: ['pairwise'],
      id_token_signing_alg_values_supported: ['RS256'],
      response_types_supported: ['code', 'id_token', 'code id_token', 'id_token token'],
      scopes_supported: ['openid', 'profile', 'email', 'offline_access'],
      issuer: `${base}/v2.0`,
      request_uri_parameter_supported: false,
      authorization_endpoint: `${base}/oauth2/v2.0/authorize`,
      device_authorization_endpoint: `${base}/oauth2/v2.0/devicecode`,
      end_session_endpoint: `${base}/oauth2/v2.0/logout`,
      tenant_region_scope: null,
      cloud_instance_name: 'microsoftonline.com',
    },
  };
}

function signingKeys(request: EmulatorRequest, context: AuthorityContext): EmulatorResponse {
  const tenant = request.params['tenant'];
  return sameTenant(context, tenant) ? { status: 200, body: context.signer.jwks() } : tenantNotFound(tenant);
}

/** The resource a client-credentials scope names, or an AAD error (spec §2.1: `https://vault.azure.net/.default`). */
function resourceOf(scope: string, context: AuthorityContext, correlationId: string): string | EmulatorResponse {
  const scopes = scope.split(' ').filter((s) => s !== '' && !OIDC_SCOPES.has(s));
  const invalid = (detail: string) => aadError(400, 'invalid_scope', 1002012, detail, correlationId, context.clock.now());
  if (scopes.length !== 1 || !scopes[0].endsWith('/.default')) {
    return invalid(`The provided value for scope ${scope} is not valid. Client credential flows must have a scope value with /.default suffixed to the resource identifier (application ID URI).`);
  }
  const resource = scopes[0].slice(0, -'/.default'.length).replace(/\/$/, '');
  if (resource !== VAULT_RESOURCE) {
    return aadError(400, 'invalid_resource', 500011,
      `The resource principal named ${resource} was not found in the tenant named ${context.identity.tenantId}. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You might have sent your authentication request to the wrong tenant.`,
      correlationId, context.clock.now());
  }
  return resource;
}

/** `POST /{tenant}/oauth2/v2.0/token`, client-credentials grant with a client secret in the form body. */
function token(request: EmulatorRequest, context: AuthorityContext): EmulatorResponse {
  const form = new URLSearchParams(request.body.toString('utf8'));
  const correlationId = request.query.get('client-request-id') ?? form.get('client-request-id') ?? randomUUID();
  const error = (status: number, code: string, number: number, text: string) => aadError(status, code, number, text, correlationId, context.clock.now());
  const tenant = request.params['tenant'];
  const { clientId, clientSecret, tenantId } = context.identity;
  if (!sameTenant(context, tenant)) return tenantNotFound(tenant, correlationId);
  const grantType = form.get('grant_type') ?? '';
  if (grantType !== 'client_credentials') return error(400, 'unsupported_grant_type', 70003, `The app requested an unsupported grant type '${grantType}'.`);
  const requestedClient = form.get('client_id') ?? '';
  if (requestedClient.toLowerCase() !== clientId.toLowerCase()) {
    return error(400, 'unauthorized_client', 700016,
      `Application with identifier '${requestedClient}' was not found in the directory '${tenantId}'. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You may have sent your authentication request to the wrong tenant.`);
  }
  const secret = form.get('client_secret');
  if (secret === null) return error(401, 'invalid_client', 7000218, "The request body must contain the following parameter: 'client_assertion' or 'client_secret'.");
  if (secret !== clientSecret) {
    return error(401, 'invalid_client', 7000215,
      `Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '${clientId}'.`);
  }
  const resource = resourceOf(form.get('scope') ?? '', context, correlationId);
  if (typeof resource !== 'string') return resource;
  const accessToken = context.signer.issue({ tenantId, clientId, objectId: context.objectId }, resource, context.tokenLifetimeSeconds);
  return {
    status: 200,
    headers: { 'cache-control': 'no-store, no-cache', pragma: 'no-cache' },
    body: { token_type: 'Bearer', expires_in: context.tokenLifetimeSeconds, ext_expires_in: context.tokenLifetimeSeconds, access_token: accessToken },
  };
}

/** The token authority: what `ClientSecretCredential` with `authorityHost` + `disableInstanceDiscovery` calls (spec §2.1). */
export function authorityRouter(): Router<AuthorityContext> {
  return new Router<AuthorityContext>()
    .add('GET', '/:tenant/v2.0/.well-known/openid-configuration', 'GetOpenIdConfiguration', openIdConfiguration)
    .add('GET', '/:tenant/discovery/v2.0/keys', 'GetSigningKeys', signingKeys)
    .add('POST', '/:tenant/oauth2/v2.0/token', 'RequestToken', token);
}

/** AAD's answer to an injected fault or throttling [U]: transient errors are `temporarily_unavailable`. */
export function authorityFault(status: number, retryAfterSeconds?: number): EmulatorResponse {
  const transient = status === 429 || status >= 500;
  const answer = transient
    ? aadError(status, 'temporarily_unavailable', 90033, 'A transient error has occurred. Please try again.')
    : aadError(status, 'invalid_request', 90100, `The request was rejected (injected HTTP ${status}).`);
  return retryAfterSeconds === undefined ? answer : { ...answer, headers: { ...answer.headers, 'retry-after': String(retryAfterSeconds) } };
}
