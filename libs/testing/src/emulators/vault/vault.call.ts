import { IncomingHttpHeaders } from 'node:http';
import { Operation } from './vault.acl';
import { Mount } from './vault.mounts';
import { Token } from './vault.tokens';

/** One client request as Vault's core sees it after HTTP parsing: what handlers and audit devices work on. */
export interface VaultCall {
  /** The request id: `request_id` in the answer, `request.id` in both audit entries. */
  id: string;
  /** The logical path without `/v1/`, decoded, e.g. `secret/data/app/db`. */
  path: string;
  operation: Operation;
  /** The JSON body, or the query parameters of a GET, LIST or DELETE. */
  data: Record<string, unknown> | undefined;
  clientToken: string | undefined;
  headers: IncomingHttpHeaders;
  remoteAddress: string;
  remotePort: number;
  requestUri: string;
  mount: Mount | undefined;
}

/** The outcome of the ACL check that audit entries report under `auth.policy_results`. */
export interface PolicyResults {
  allowed: boolean;
  grantingPolicies: string[];
}

/** The caller's token as the audit `auth` block shows it. */
export interface CallerAuth {
  token: Token;
  policyResults?: PolicyResults;
}
