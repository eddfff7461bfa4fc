import { truncateChars, truncateSha256 } from './truncate-sha256';

describe('truncateSha256 (Vault truncate_sha256)', () => {
  it('leaves a value of at most N characters untouched', () => {
    expect(truncateSha256('abcdefghij', 10)).toBe('abcdefghij');
    expect(truncateSha256('', 10)).toBe('');
  });

  it('keeps N-8 characters and appends 8 hex of the SHA-256 of the dropped tail', () => {
    // sha256("cdefghijkl") starts with 3615b840
    expect(truncateSha256('abcdefghijkl', 10)).toBe('ab3615b840');
  });

  it('keeps values that differ only at the end distinct', () => {
    const a = truncateSha256(`${'p'.repeat(50)}-one`, 20);
    const b = truncateSha256(`${'p'.repeat(50)}-two`, 20);
    expect(a).toHaveLength(20);
    expect(b).toHaveLength(20);
    expect(a).not.toBe(b);
    expect(a.slice(0, 12)).toBe(b.slice(0, 12));
  });

  it('counts characters, so a multi-byte character is never cut in half', () => {
    const result = truncateSha256('😀'.repeat(12), 10);
    expect(Array.from(result)).toHaveLength(10);
    expect(result.startsWith('😀😀')).toBe(true);
    expect(result.slice(4)).toMatch(/^[0-9a-f]{8}$/);
  });
});

describe('truncateChars (Vault truncate)', () => {
  it('cuts to N characters', () => {
    expect(truncateChars('abcdef', 3)).toBe('abc');
    expect(truncateChars('ab', 3)).toBe('ab');
    expect(truncateChars('秘密のキー', 2)).toBe('秘密');
  });
});
