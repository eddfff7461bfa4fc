import { newServiceToken, newTokenAccessor } from './vault.ids';
import { formatTimestamp, unixSeconds, VaultClock } from './vault.time';

/** Service tokens live 768h unless asked otherwise (Vault's system default TTL). */
export const DEFAULT_TOKEN_TTL_SECONDS = 768 * 3600;

export interface Token {
  id: string;
  accessor: string;
  policies: string[];
  displayName: string;
  meta: Record<string, string> | null;
  /** 0: never expires (root tokens). */
  ttlSeconds: number;
  issuedNs: bigint;
  path: string;
  orphan: boolean;
  numUses: number;
}

export interface TokenRequest {
  policies?: string[];
  meta?: Record<string, string> | null;
  displayName?: string;
  ttlSeconds?: number;
  noDefaultPolicy?: boolean;
  numUses?: number;
}

export type CreateOutcome = { kind: 'created'; token: Token } | { kind: 'invalid'; message: string };

/** Sorted, lower-cased, de-duplicated; `default` added unless asked not to; a `root` token has only `root`. */
export function sanitizePolicies(policies: string[], addDefault: boolean): string[] {
  const names = new Set(policies.map((name) => name.trim().toLowerCase()).filter(Boolean));
  if (names.has('root')) return ['root'];
  if (addDefault) names.add('default');
  return [...names].sort();
}

/** The token store: the configured root token plus tokens made by `auth/token/create`. */
export class TokenStore {
  private tokens = new Map<string, Token>();
  readonly root: Token;

  constructor(
    rootToken: string,
    private readonly clock: VaultClock,
  ) {
    this.root = { id: rootToken, accessor: newTokenAccessor(), policies: ['root'], displayName: 'root', meta: null, ttlSeconds: 0, issuedNs: clock.nowNs(), path: 'auth/token/root', orphan: true, numUses: 0 };
    this.reset();
  }

  reset(): void {
    this.tokens = new Map([[this.root.id, this.root]]);
  }

  /** The live token with this id; expired ones are dropped on sight. */
  find(id: string | undefined): Token | undefined {
    const token = id === undefined ? undefined : this.tokens.get(id);
    if (!token) return undefined;
    if (this.remainingSeconds(token) < 0) {
      this.tokens.delete(token.id);
      return undefined;
    }
    return token;
  }

  create(parent: Token, request: TokenRequest): CreateOutcome {
    const parentIsRoot = parent.policies.includes('root');
    const requested = request.policies ?? parent.policies;
    const policies = sanitizePolicies(requested, !request.noDefaultPolicy);
    if (!parentIsRoot && policies.some((name) => name !== 'default' && !parent.policies.includes(name))) {
      return { kind: 'invalid', message: 'child policies must be subset of parent' };
    }
    const isRootToken = policies.includes('root');
    const token: Token = {
      id: newServiceToken(),
      accessor: newTokenAccessor(),
      policies,
      displayName: request.displayName ? `token-${request.displayName}` : 'token',
      meta: request.meta ?? null,
      ttlSeconds: request.ttlSeconds ?? (isRootToken ? 0 : DEFAULT_TOKEN_TTL_SECONDS),
      issuedNs: this.clock.nowNs(),
      path: 'auth/token/create',
      orphan: false,
      numUses: request.numUses ?? 0,
    };
    this.tokens.set(token.id, token);
    return { kind: 'created', token };
  }

  revoke(token: Token): void {
    if (token !== this.root) this.tokens.delete(token.id);
  }

  /** Seconds left; `Infinity` for tokens without a TTL. */
  remainingSeconds(token: Token): number {
    if (token.ttlSeconds === 0) return Number.POSITIVE_INFINITY;
    return token.ttlSeconds - (unixSeconds(this.clock.nowNs()) - unixSeconds(token.issuedNs));
  }

  /** `auth/token/lookup-self`'s `data`. */
  lookupView(token: Token): Record<string, unknown> {
    const remaining = this.remainingSeconds(token);
    const expires = token.ttlSeconds === 0 ? null : formatTimestamp(token.issuedNs + BigInt(token.ttlSeconds) * 1_000_000_000n);
    return {
      accessor: token.accessor,
      creation_time: unixSeconds(token.issuedNs),
      creation_ttl: token.ttlSeconds,
      display_name: token.displayName,
      entity_id: '',
      expire_time: expires,
      explicit_max_ttl: 0,
      id: token.id,
      issue_time: formatTimestamp(token.issuedNs),
      meta: token.meta,
      num_uses: token.numUses,
      orphan: token.orphan,
      path: token.path,
      policies: token.policies,
      renewable: token.ttlSeconds > 0,
      ttl: Number.isFinite(remaining) ? remaining : 0,
      type: 'service',
    };
  }

  snapshot(): Record<string, unknown>[] {
    return [...this.tokens.values()].map((token) => ({ ...this.lookupView(token) }));
  }
}
