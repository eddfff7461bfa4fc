import { Capability, grantsCapability } from './capability';

describe('grantsCapability', () => {
  it.each<[string[], Capability, boolean]>([
    [['read', 'list'], 'read', true],
    [['read', 'list'], 'list', true],
    [['read', 'list'], 'update', false],
    [['create'], 'update', false],
    [['update'], 'patch', false],
    [['patch'], 'patch', true],
    [['read'], 'sudo', false],
    [['sudo', 'read'], 'sudo', true],
    [['root'], 'delete', true],
    [['root'], 'sudo', true],
    [[], 'read', false],
    [['deny'], 'read', false],
  ])('%j grants %s: %s', (capabilities, needed, expected) => {
    expect(grantsCapability(capabilities, needed)).toBe(expected);
  });

  it('never grants when deny is present, even next to the capability or root', () => {
    expect(grantsCapability(['deny', 'read'], 'read')).toBe(false);
    expect(grantsCapability(['root', 'deny'], 'read')).toBe(false);
  });
});
