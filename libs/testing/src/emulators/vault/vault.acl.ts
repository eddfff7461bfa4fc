import { Capability, PathRule } from './vault.policy-parser';

/** Vault's logical operations; each needs the capability of the same name. */
export type Operation = 'create' | 'read' | 'update' | 'patch' | 'delete' | 'list';

export interface NamedPolicy {
  name: string;
  rules: PathRule[];
}

export interface AclDecision {
  allowed: boolean;
  /** The policies whose rule for the deciding path granted the capability (audit `policy_results`). */
  grantingPolicies: string[];
}

interface CompiledRule {
  pattern: string;
  /** The pattern without its trailing `*`. */
  base: string;
  isPrefix: boolean;
  /** Present when the pattern has `+` segment wildcards. */
  segments?: string[];
  capabilities: Set<Capability>;
  /** Which policies contributed each capability. */
  grantedBy: Map<Capability, Set<string>>;
}

function compile(pattern: string): CompiledRule {
  const isPrefix = pattern.endsWith('*');
  const base = isPrefix ? pattern.slice(0, -1) : pattern;
  const segments = base.split('/');
  return { pattern, base, isPrefix, segments: segments.includes('+') ? segments : undefined, capabilities: new Set(), grantedBy: new Map() };
}

function matches(rule: CompiledRule, path: string): boolean {
  if (!rule.segments) return rule.isPrefix ? path.startsWith(rule.base) : path === rule.base;
  const parts = path.split('/');
  const { segments } = rule;
  if (rule.isPrefix ? parts.length < segments.length : parts.length !== segments.length) return false;
  return segments.every((segment, i) => {
    if (segment === '+') return true;
    if (rule.isPrefix && i === segments.length - 1) return parts[i].startsWith(segment);
    return parts[i] === segment;
  });
}

function firstWildcardIndex(rule: CompiledRule): number {
  const globIndex = rule.isPrefix ? rule.base.length : Number.POSITIVE_INFINITY;
  let offset = 0;
  for (const segment of rule.segments ?? []) {
    if (segment === '+') return Math.min(globIndex, offset);
    offset += segment.length + 1;
  }
  return globIndex;
}

const plusCount = (rule: CompiledRule) => rule.segments?.filter((segment) => segment === '+').length ?? 0;

/**
 * Vault's priority among non-exact matches (docs "priority matching"): the later first wildcard wins, then a
 * rule without a trailing glob, then fewer `+` segments, then the longer pattern, then the greater string.
 * Negative when `a` outranks `b`.
 */
function comparePriority(a: CompiledRule, b: CompiledRule): number {
  if (firstWildcardIndex(a) !== firstWildcardIndex(b)) return firstWildcardIndex(a) > firstWildcardIndex(b) ? -1 : 1;
  if (a.isPrefix !== b.isPrefix) return a.isPrefix ? 1 : -1;
  if (plusCount(a) !== plusCount(b)) return plusCount(a) - plusCount(b);
  if (a.pattern.length !== b.pattern.length) return b.pattern.length - a.pattern.length;
  return a.pattern < b.pattern ? 1 : a.pattern > b.pattern ? -1 : 0;
}

/**
 * The merged ACL of a token's policies. Rules for the same pattern merge across policies (union, `deny` wins);
 * a request is decided by one rule only: the exact one, else the most specific matching glob/wildcard one.
 */
export class Acl {
  private readonly exact = new Map<string, CompiledRule>();
  private readonly wildcard: CompiledRule[] = [];

  private constructor(readonly isRoot: boolean) {}

  static root(): Acl {
    return new Acl(true);
  }

  static of(policies: NamedPolicy[]): Acl {
    if (policies.some((policy) => policy.name === 'root')) return Acl.root();
    const acl = new Acl(false);
    const byPattern = new Map<string, CompiledRule>();
    for (const policy of policies) {
      for (const { path, capabilities } of policy.rules) {
        const rule = byPattern.get(path) ?? compile(path);
        byPattern.set(path, rule);
        for (const capability of capabilities) {
          rule.capabilities.add(capability);
          const granters = rule.grantedBy.get(capability) ?? new Set<string>();
          rule.grantedBy.set(capability, granters.add(policy.name));
        }
      }
    }
    for (const rule of byPattern.values()) {
      if (rule.capabilities.has('deny')) rule.capabilities = new Set(['deny']);
      if (rule.isPrefix || rule.segments) acl.wildcard.push(rule);
      else acl.exact.set(rule.pattern, rule);
    }
    return acl;
  }

  private ruleFor(path: string, operation?: Operation): CompiledRule | undefined {
    const exact = this.exact.get(path) ?? (operation === 'list' && path.endsWith('/') ? this.exact.get(path.slice(0, -1)) : undefined);
    if (exact) return exact;
    return this.wildcard.filter((rule) => matches(rule, path)).sort(comparePriority)[0];
  }

  /** Whether `operation` on `path` is allowed; `sudo` adds Vault's root-path requirement. */
  check(path: string, operation: Operation, needsSudo = false): AclDecision {
    if (this.isRoot) return { allowed: true, grantingPolicies: ['root'] };
    const rule = this.ruleFor(path, operation);
    if (!rule || rule.capabilities.has('deny') || !rule.capabilities.has(operation)) return { allowed: false, grantingPolicies: [] };
    if (needsSudo && !rule.capabilities.has('sudo')) return { allowed: false, grantingPolicies: [] };
    return { allowed: true, grantingPolicies: [...(rule.grantedBy.get(operation) ?? [])].sort() };
  }

  /** `sys/capabilities-self`'s answer for one path: `["root"]`, `["deny"]` or the sorted capabilities. */
  capabilities(path: string): string[] {
    if (this.isRoot) return ['root'];
    const rule = this.ruleFor(path);
    if (!rule || rule.capabilities.size === 0 || rule.capabilities.has('deny')) return ['deny'];
    return [...rule.capabilities].sort();
  }

  /** Whether any rule grants something at or under `prefix` (the `sys/internal/ui/mounts` preflight check). */
  hasAccessUnder(prefix: string): boolean {
    if (this.isRoot) return true;
    const rules = [...this.exact.values(), ...this.wildcard].filter((rule) => rule.capabilities.size > 0 && !rule.capabilities.has('deny'));
    const wanted = prefix.split('/').filter(Boolean);
    return rules.some(({ base, isPrefix, segments }) => {
      if (base.startsWith(prefix)) return true;
      if (!segments) return isPrefix && prefix.startsWith(base);
      const last = segments.length - 1;
      return wanted.every((part, i) => i > last || segments[i] === '+' || segments[i] === part || (isPrefix && i === last && part.startsWith(segments[i])));
    });
  }
}
