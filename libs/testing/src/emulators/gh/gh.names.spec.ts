import { canonicalSecretName, INVALID_NAME_MESSAGE, MAX_SECRET_VALUE_BYTES, RESERVED_PREFIX_MESSAGE, secretNameProblem, valueTooLarge } from './gh.names';

describe('secret name rules (spec §4.4)', () => {
  it.each(['API_KEY', 'api_key', '_PRIVATE', 'a1', 'X'])('accepts %s', (name) => {
    expect(secretNameProblem(name)).toBeUndefined();
  });

  it.each(['', '1ST', 'MY SECRET', 'MY-SECRET', 'ÄPFEL', 'A.B'])('refuses %j with the character-rule message', (name) => {
    expect(secretNameProblem(name)).toBe(INVALID_NAME_MESSAGE);
  });

  it.each(['GITHUB_TOKEN', 'github_x', 'GitHub_Y'])('refuses the reserved prefix in any case: %s', (name) => {
    expect(secretNameProblem(name)).toBe(RESERVED_PREFIX_MESSAGE);
  });

  it('allows GITHUB without the underscore and stores names upper-case', () => {
    expect(secretNameProblem('GITHUBISH')).toBeUndefined();
    expect(canonicalSecretName('my_Secret')).toBe('MY_SECRET');
  });

  it('limits values to 48 KB counted in UTF-8 bytes', () => {
    expect(valueTooLarge('x'.repeat(MAX_SECRET_VALUE_BYTES))).toBe(false);
    expect(valueTooLarge('x'.repeat(MAX_SECRET_VALUE_BYTES + 1))).toBe(true);
    expect(valueTooLarge('é'.repeat(MAX_SECRET_VALUE_BYTES / 2 + 1))).toBe(true);
  });
});
