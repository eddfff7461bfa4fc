import { crc32c } from './gcp-sm-crc32c';
import { desiredAnnotations, desiredLabels, desiredMetadata, labelKey, labelValue, marksFromAnnotations, metadataUpdate } from './gcp-sm-metadata';

const MARKS = { destination: 'gcp-sm/prod', source: 'kv_1234/App/db', owner: 'Install-1' };
const LABEL_KEY = /^[\p{Ll}\p{Lo}][\p{Ll}\p{Lo}\p{N}_-]{0,62}$/u;
const LABEL_VALUE = /^[\p{Ll}\p{Lo}\p{N}_-]{0,63}$/u;

describe('gcp-sm labels and annotations', () => {
  it('labels the built-in marker, the owner and the custom tags, ours winning', () => {
    const labels = desiredLabels({ marks: MARKS, customTags: { team: 'payments', 'hashicorp-vault': 'x', 'vault-sync-owner': 'impostor' } });
    expect(labels).toEqual({ team: 'payments', 'hashicorp-vault': '', 'vault-sync-owner': 'install-1' });
  });

  it('keeps the exact marks in annotations and reads them back', () => {
    expect(desiredAnnotations(MARKS)).toEqual({ 'vault-sync.destination': 'gcp-sm/prod', 'vault-sync.source': 'kv_1234/App/db', 'vault-sync.owner': 'Install-1' });
    expect(marksFromAnnotations(desiredAnnotations(MARKS))).toEqual(MARKS);
    expect(marksFromAnnotations({ other: 'x' })).toEqual({});
    expect(marksFromAnnotations({ 'vault-sync.owner': 'someone' })).toEqual({ owner: 'someone' });
  });

  it.each([
    ['Team', 'team'],
    ['cost:center', 'cost_center'],
    ['9lives', 't_9lives'],
    ['_x', 't__x'],
    ['ÉQUIPE', 'équipe'],
    ['k'.repeat(80), 'k'.repeat(63)],
  ])('turns custom tag key %s into the valid label key %s', (key, expected) => {
    expect(labelKey(key)).toBe(expected);
    expect(labelKey(key)).toMatch(LABEL_KEY);
  });

  it.each([
    ['Payments', 'payments'],
    ['a/b c.d', 'a_b_c_d'],
    ['', ''],
    ['v'.repeat(70), 'v'.repeat(63)],
  ])('turns custom tag value %s into the valid label value %s', (value, expected) => {
    expect(labelValue(value)).toBe(expected);
    expect(labelValue(value)).toMatch(LABEL_VALUE);
  });

  it('updates nothing when labels and our annotations are as desired, other annotations included', () => {
    const desired = desiredMetadata({ marks: MARKS, customTags: { team: 'payments' } });
    expect(metadataUpdate({ labels: desired.labels, annotations: { ...desired.annotations, 'other.tool': 'kept' } }, desired)).toBeUndefined();
  });

  it('replaces the labels and merges our annotations over foreign ones', () => {
    const desired = desiredMetadata({ marks: MARKS, customTags: { team: 'billing' } });
    const current = { labels: { team: 'payments', tier: 'gold' }, annotations: { 'other.tool': 'kept', 'vault-sync.owner': 'someone-else' } };
    expect(metadataUpdate(current, desired)).toEqual({ labels: desired.labels, annotations: { 'other.tool': 'kept', ...desired.annotations } });
  });
});

describe('crc32c', () => {
  it('computes the Castagnoli checksum (RFC 3720 check value)', () => {
    expect(crc32c(Buffer.from('123456789'))).toBe(0xe3069283);
    expect(crc32c(new Uint8Array(32))).toBe(0x8a9136aa);
  });
});
