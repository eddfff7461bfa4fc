import { EmulatorClock } from '../core/clock';
import { awsErrorCode } from './aws-sm.fixtures';
import { SecretStore } from './aws-sm.store';

const DAY_MS = 86_400_000;
const R = 'us-east-1';
const token = (n: number) => `token-${String(n).padStart(26, '0')}`;

describe('SecretStore', () => {
  let clock: EmulatorClock;
  let store: SecretStore;

  beforeEach(() => {
    clock = new EmulatorClock();
    store = new SecretStore('123456789012', clock, 0);
  });

  it('moves AWSCURRENT to each new version and AWSPREVIOUS to the one it left, keeping custom stages apart', () => {
    const { secret } = store.create(R, { name: 's', tags: [], value: { secretString: 'v1' }, token: token(1) });
    store.addVersion(secret, { secretString: 'v2' }, token(2));
    store.addVersion(secret, { secretString: 'pending' }, token(3), ['AWSPENDING']);
    expect(secret.versions.map((v) => [v.versionId, v.stages])).toEqual([
      [token(1), ['AWSPREVIOUS']],
      [token(2), ['AWSCURRENT']],
      [token(3), ['AWSPENDING']],
    ]);
    store.addVersion(secret, { secretString: 'v4' }, token(4));
    expect(secret.versions.map((v) => v.stages)).toEqual([[], ['AWSPREVIOUS'], ['AWSPENDING'], ['AWSCURRENT']]);
    expect(store.getVersion(secret, token(2), 'AWSPREVIOUS').secretString).toBe('v2');
    expect(awsErrorCode(() => store.getVersion(secret, token(2), 'AWSCURRENT'))).toBe('ResourceNotFoundException');
    expect(awsErrorCode(() => store.getVersion(secret, undefined, 'NOPE'))).toBe('ResourceNotFoundException');
  });

  it('hits the version quota at 100 unless unlabelled versions are older than a day', () => {
    const { secret } = store.create(R, { name: 's', tags: [], value: { secretString: 'v0' }, token: token(0) });
    for (let i = 1; i < 100; i += 1) store.addVersion(secret, { secretString: `v${i}` }, token(i));
    expect(awsErrorCode(() => store.addVersion(secret, { secretString: 'v100' }, token(100)))).toBe('LimitExceededException');
    clock.advance(DAY_MS);
    store.addVersion(secret, { secretString: 'v100' }, token(100));
    expect(secret.versions).toHaveLength(100);
    expect(secret.versions[0].versionId).toBe(token(1));
  });

  it('finds a secret by name, full ARN and partial ARN only in its own region', () => {
    const { secret } = store.create(R, { name: 'app/db', tags: [], token: token(1) });
    expect(store.find(R, 'app/db')).toBe(secret);
    expect(store.find(R, secret.arn)).toBe(secret);
    expect(store.find(R, secret.arn.slice(0, -7))).toBe(secret);
    expect(store.find('eu-west-1', 'app/db')).toBeUndefined();
    expect(secret.versions).toEqual([]);
    expect(awsErrorCode(() => store.getVersion(secret))).toBe('ResourceNotFoundException');
  });

  it('keeps a force-deleted name taken for the configured delay (asynchronous deletion)', () => {
    const delayed = new SecretStore('123456789012', clock, 5_000);
    const { secret } = delayed.create(R, { name: 's', tags: [], value: { secretString: 'x' }, token: token(1) });
    delayed.delete(secret, 'force');
    expect(awsErrorCode(() => delayed.create(R, { name: 's', tags: [], token: token(2) }))).toBe('InvalidRequestException');
    clock.advance(5_000);
    expect(delayed.find(R, 's')).toBeUndefined();
  });

  it('records LastAccessedDate to the day', () => {
    const { secret } = store.create(R, { name: 's', tags: [], value: { secretString: 'x' }, token: token(1) });
    store.markAccessed(secret);
    expect((secret.lastAccessedMs as number) % DAY_MS).toBe(0);
    expect(clock.now() - (secret.lastAccessedMs as number)).toBeLessThan(DAY_MS);
  });

  it('mirrors primary changes to in-sync replicas and forgets them on removal', () => {
    const { secret } = store.create(R, { name: 's', tags: [{ Key: 'a', Value: '1' }], value: { secretString: 'v1' }, token: token(1) });
    store.replicate(secret, [{ region: 'eu-west-1' }], false);
    store.tag(secret, [{ Key: 'b', Value: '2' }]);
    store.update(secret, { description: 'described' });
    const replica = store.find('eu-west-1', 's');
    expect(replica).toMatchObject({ primaryRegion: R, region: 'eu-west-1', description: 'described', tags: [{ Key: 'a', Value: '1' }, { Key: 'b', Value: '2' }] });
    expect(awsErrorCode(() => store.requireWritable('eu-west-1', 's'))).toBe('InvalidRequestException');
    expect(awsErrorCode(() => store.replicate(secret, [{ region: R }], false))).toBe('InvalidParameterException');
    store.removeReplicas(secret, ['eu-west-1']);
    expect(store.find('eu-west-1', 's')).toBeUndefined();
    expect(secret.replicas).toEqual([]);
  });
});
