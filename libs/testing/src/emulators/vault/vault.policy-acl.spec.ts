import { Acl, NamedPolicy } from './vault.acl';
import { parsePolicy, PolicyParseError } from './vault.policy-parser';

const policy = (name: string, text: string): NamedPolicy => ({ name, rules: parsePolicy(text) });

describe('policy parser', () => {
  it('reads path blocks with capabilities, comments and extra keys', () => {
    const rules = parsePolicy(`
      # KV readers
      path "secret/data/*" {
        capabilities = ["read", "list"]   // trailing comment
        allowed_parameters = { "version" = [] }
      }
      /* legacy form */
      path "/secret/metadata/+/x" { policy = "write" }
    `);
    expect(rules).toEqual([
      { path: 'secret/data/*', capabilities: ['read', 'list'] },
      { path: 'secret/metadata/+/x', capabilities: ['create', 'read', 'update', 'delete', 'list'] },
    ]);
  });

  it('reads the JSON form', () => {
    expect(parsePolicy('{"path": {"sys/mounts": {"capabilities": ["read"]}}}')).toEqual([{ path: 'sys/mounts', capabilities: ['read'] }]);
  });

  it('rejects unknown capabilities and broken syntax', () => {
    expect(() => parsePolicy('path "a" { capabilities = ["fly"] }')).toThrow(new PolicyParseError('path "a": invalid capability "fly"'));
    expect(() => parsePolicy('path "a" { capabilities = ["read"]')).toThrow(PolicyParseError);
    expect(() => parsePolicy('path "a" ! {}')).toThrow(PolicyParseError);
  });
});

describe('ACL evaluation', () => {
  it('decides by the exact rule first, then the most specific glob', () => {
    const acl = Acl.of([
      policy('broad', 'path "secret/data/*" { capabilities = ["read"] }'),
      policy('narrow', 'path "secret/data/app/*" { capabilities = ["create", "update"] }\npath "secret/data/app/pinned" { capabilities = ["read"] }'),
    ]);
    expect(acl.check('secret/data/other', 'read')).toEqual({ allowed: true, grantingPolicies: ['broad'] });
    // The longer prefix decides alone: it has no read, and the broader rule does not add it.
    expect(acl.check('secret/data/app/db', 'read').allowed).toBe(false);
    expect(acl.check('secret/data/app/db', 'create')).toEqual({ allowed: true, grantingPolicies: ['narrow'] });
    expect(acl.check('secret/data/app/pinned', 'read').allowed).toBe(true);
    expect(acl.check('secret/data/app/pinned', 'update').allowed).toBe(false);
    expect(acl.check('other/x', 'read').allowed).toBe(false);
  });

  it('merges one pattern across policies, with deny winning', () => {
    const acl = Acl.of([policy('a', 'path "kv/x" { capabilities = ["read"] }'), policy('b', 'path "kv/x" { capabilities = ["update"] }'), policy('c', 'path "kv/y" { capabilities = ["read"] }'), policy('d', 'path "kv/y" { capabilities = ["deny"] }')]);
    expect(acl.capabilities('kv/x')).toEqual(['read', 'update']);
    expect(acl.check('kv/x', 'update')).toEqual({ allowed: true, grantingPolicies: ['b'] });
    expect(acl.capabilities('kv/y')).toEqual(['deny']);
    expect(acl.check('kv/y', 'read').allowed).toBe(false);
  });

  it('matches + segment wildcards and ranks them by Vault priority rules', () => {
    const acl = Acl.of([
      policy('p', `
        path "secret/+/teams/*" { capabilities = ["list"] }
        path "secret/data/+/config" { capabilities = ["read"] }
        path "secret/data/*" { capabilities = ["update"] }
      `),
    ]);
    expect(acl.capabilities('secret/data/web/config')).toEqual(['read']);
    expect(acl.capabilities('secret/data/web/other')).toEqual(['update']);
    expect(acl.capabilities('secret/metadata/teams/a')).toEqual(['list']);
    // "secret/data/*" has its first wildcard later than "secret/+/teams/*".
    expect(acl.capabilities('secret/data/teams/a')).toEqual(['update']);
    expect(acl.capabilities('secret/data/web/config/deeper')).toEqual(['update']);
  });

  it('lets an exact rule answer LIST on the path with a trailing slash', () => {
    const acl = Acl.of([policy('p', 'path "secret/metadata/app" { capabilities = ["list"] }')]);
    expect(acl.check('secret/metadata/app/', 'list').allowed).toBe(true);
    expect(acl.check('secret/metadata/app/', 'read').allowed).toBe(false);
  });

  it('requires sudo on root-protected paths', () => {
    const acl = Acl.of([policy('p', 'path "sys/audit/*" { capabilities = ["update"] }\npath "sys/audit" { capabilities = ["read", "sudo"] }')]);
    expect(acl.check('sys/audit/file', 'update', true).allowed).toBe(false);
    expect(acl.check('sys/audit', 'read', true).allowed).toBe(true);
  });

  it('answers capabilities as Vault does for root and for unmatched paths', () => {
    expect(Acl.root().capabilities('anything')).toEqual(['root']);
    expect(Acl.of([]).capabilities('anything')).toEqual(['deny']);
  });

  it('sees access under a mount for the UI mount preflight check', () => {
    const acl = Acl.of([policy('p', 'path "apps/data/web/*" { capabilities = ["read"] }\npath "+/metadata/*" { capabilities = ["list"] }\npath "denied/*" { capabilities = ["deny"] }')]);
    expect(acl.hasAccessUnder('apps/')).toBe(true);
    expect(acl.hasAccessUnder('other/')).toBe(true);
    expect(Acl.of([policy('q', 'path "apps/*" { capabilities = ["read"] }')]).hasAccessUnder('secret/')).toBe(false);
    expect(Acl.of([policy('q', 'path "denied/*" { capabilities = ["deny"] }')]).hasAccessUnder('denied/')).toBe(false);
  });
});
