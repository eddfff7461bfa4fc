import { ClientSideError, ErrorCode } from '@vault-sync/domain';
import { GhAuth } from './gh-settings';

/** The auth part of Octokit's options. */
export type OctokitAuthOptions = { auth: string } | { authStrategy: () => OctokitAuthStrategy };

interface OctokitAuthStrategy {
  (): Promise<unknown>;
  hook: (...args: unknown[]) => Promise<unknown>;
}

/**
 * A token is sent as `authorization: token …` by Octokit's built-in strategy. GitHub App destinations need an
 * installation token minted with the app's private key, which lives in the store's GitHub App repository and
 * is not handed to adapters yet: every call of such a destination fails as a configuration problem.
 */
export function octokitAuth(auth: GhAuth): OctokitAuthOptions {
  if (auth.kind === 'token') return { auth: auth.token };
  const unsupported = () =>
    Promise.reject(
      new ClientSideError(
        ErrorCode.InvalidConfiguration,
        `GitHub App authentication (app_name ${auth.appName}) is not supported by the gh worker yet; use access_token`,
      ),
    );
  return { authStrategy: () => Object.assign(unsupported, { hook: unsupported }) };
}
