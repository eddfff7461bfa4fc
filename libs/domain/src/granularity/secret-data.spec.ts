import { encodeKeyValue, encodeSecretData } from './secret-data';

describe('encodeSecretData (secret-path value)', () => {
  it('encodes the whole map as JSON with sorted keys (docs example)', () => {
    expect(encodeSecretData({ user: 'app', password: 's3cr3t' })).toBe('{"password":"s3cr3t","user":"app"}');
  });

  it('sorts nested objects too and keeps array order', () => {
    expect(encodeSecretData({ b: { z: 1, a: [3, 1, { y: null, x: true }] }, a: 'x' })).toBe(
      '{"a":"x","b":{"a":[3,1,{"x":true,"y":null}],"z":1}}',
    );
  });

  it('orders keys by UTF-8 bytes like Go, so astral characters sort after U+FFxx', () => {
    expect(encodeSecretData({ '😀': 1, 'ｚ': 2, a: 3 })).toBe('{"a":3,"ｚ":2,"😀":1}');
  });

  it('escapes quotes, backslashes and control characters', () => {
    expect(encodeSecretData({ k: 'a"b\\c\nd' })).toBe('{"k":"a\\"b\\\\c\\nd"}');
  });

  it('encodes an empty map as {}', () => {
    expect(encodeSecretData({})).toBe('{}');
  });
});

describe('encodeKeyValue (secret-key value)', () => {
  it.each([
    ['s3cr3t', 's3cr3t'],
    ['', ''],
    ['{"looks":"like json"}', '{"looks":"like json"}'],
    ['ü 😀 秘密', 'ü 😀 秘密'],
    [42, '42'],
    [3.5, '3.5'],
    [-0.25, '-0.25'],
    [true, 'true'],
    [false, 'false'],
    [null, 'null'],
    [[1, 'a'], '[1,"a"]'],
    [{ b: 1, a: 2 }, '{"a":2,"b":1}'],
    [[], '[]'],
  ] as const)('encodes %j as %s', (value, expected) => {
    expect(encodeKeyValue(value)).toBe(expected);
  });
});
