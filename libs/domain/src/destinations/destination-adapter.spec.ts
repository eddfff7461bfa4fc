import { OwnershipMarks, carriesMarks } from './destination-adapter';

const OURS: OwnershipMarks = { destination: 'aws-sm/prod', source: 'kv_1/app/db', owner: 'inst-1' };

describe('carriesMarks', () => {
  it('holds only when every mark is exactly ours', () => {
    expect(carriesMarks({ ...OURS }, OURS)).toBe(true);
    expect(carriesMarks({ ...OURS, owner: 'inst-2' }, OURS)).toBe(false);
    expect(carriesMarks({ destination: OURS.destination, source: OURS.source }, OURS)).toBe(false);
    expect(carriesMarks({}, OURS)).toBe(false);
    expect(carriesMarks(undefined, OURS)).toBe(false);
  });
});
