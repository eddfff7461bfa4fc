import { Acl, NamedPolicy } from './vault.acl';
import { parsePolicy, PolicyParseError } from './vault.policy-parser';

/** Our rendition of the paths Vault's built-in `default` policy opens to every token. */
const DEFAULT_POLICY = `# Every token may look itself up, renew and revoke itself
path "auth/token/lookup-self" { capabilities = ["read"] }
path "auth/token/renew-self" { capabilities = ["update"] }
path "auth/token/revoke-self" { capabilities = ["update"] }

# Every token may ask what it can do
path "sys/capabilities-self" { capabilities = ["update"] }

# Mount resolution for the UI and clients without sys/mounts
path "sys/internal/ui/mounts" { capabilities = ["read"] }
path "sys/internal/ui/mounts/*" { capabilities = ["read"] }

# Per-token private storage
path "cubbyhole/*" { capabilities = ["create", "read", "update", "delete", "list"] }
`;

export type PolicyWriteOutcome = { kind: 'written' } | { kind: 'invalid'; message: string };

/** ACL policies by name; `root` is implicit and immutable, `default` exists from the start. */
export class PolicyStore {
  private policies = new Map<string, { text: string; policy: NamedPolicy }>();

  constructor() {
    this.reset();
  }

  reset(): void {
    this.policies = new Map();
    this.write('default', DEFAULT_POLICY);
  }

  names(): string[] {
    return [...this.policies.keys(), 'root'].sort();
  }

  read(name: string): string | undefined {
    return this.policies.get(name.toLowerCase())?.text;
  }

  write(rawName: string, text: string): PolicyWriteOutcome {
    const name = rawName.toLowerCase();
    if (name === 'root') return { kind: 'invalid', message: 'cannot update "root" policy' };
    try {
      this.policies.set(name, { text, policy: { name, rules: parsePolicy(text) } });
      return { kind: 'written' };
    } catch (err) {
      if (err instanceof PolicyParseError) return { kind: 'invalid', message: `failed to parse policy: ${err.message}` };
      throw err;
    }
  }

  delete(rawName: string): PolicyWriteOutcome {
    const name = rawName.toLowerCase();
    if (name === 'root' || name === 'default') return { kind: 'invalid', message: `cannot delete ${JSON.stringify(name)} policy` };
    this.policies.delete(name);
    return { kind: 'written' };
  }

  /** The ACL of a token holding these policy names; unknown names grant nothing. */
  aclFor(names: string[]): Acl {
    if (names.includes('root')) return Acl.root();
    return Acl.of(names.flatMap((name) => this.policies.get(name)?.policy ?? []));
  }

  snapshot(): Record<string, string> {
    return Object.fromEntries([...this.policies].map(([name, { text }]) => [name, text]));
  }
}
