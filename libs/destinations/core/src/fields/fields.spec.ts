import { z } from 'zod';
import { booleanField } from './boolean.field';
import { choiceFieldWithDefault } from './choice.field';
import { durationSecondsField, parseGoDurationSeconds } from './duration.field';
import { integerField } from './integer.field';
import { keyValuePairsField } from './key-value-pairs.field';
import { listField } from './list.field';
import { isMaskedValue } from './masked-value';
import { urlFormat } from './text.field';

describe('listField', () => {
  const list = listField(z.string());

  it.each([
    [['a', 'b'], ['a', 'b']],
    ['a,b,c', ['a', 'b', 'c']],
    [' a , b ,, ', ['a', 'b']],
    ['', []],
    ['a,a,b', ['a', 'b']],
  ])('reads %j as %j', (input, expected) => {
    expect(list.parse(input)).toEqual(expected);
  });

  it.each([[5], [{ a: 1 }], [true]])('refuses %j', (input) => {
    expect(list.safeParse(input).success).toBe(false);
  });
});

describe('booleanField', () => {
  it.each([
    [true, true],
    [false, false],
    ['true', true],
    ['True', true],
    ['1', true],
    ['t', true],
    ['false', false],
    ['FALSE', false],
    ['0', false],
  ])('reads %j as %j', (input, expected) => {
    expect(booleanField.parse(input)).toBe(expected);
  });

  it.each([['yes'], [1], [''], ['tru']])('refuses %j', (input) => {
    expect(booleanField.safeParse(input).success).toBe(false);
  });
});

describe('durationSecondsField', () => {
  it.each([
    [3600, 3600],
    ['3600', 3600],
    ['1h', 3600],
    ['30m', 1800],
    ['1h30m', 5400],
    ['1.5h', 5400],
    ['90s', 90],
    ['1500ms', 1],
    ['2d', 172800],
    ['0', 0],
    [0, 0],
  ])('reads %j as %d seconds', (input, expected) => {
    expect(durationSecondsField.parse(input)).toBe(expected);
  });

  it.each([['1 hour'], ['h'], ['1x'], [1.5], [-1], ['-1h'], [true], [null], ['PT1H']])('refuses %j', (input) => {
    expect(durationSecondsField.safeParse(input).success).toBe(false);
  });

  it('parses Go duration strings including signs', () => {
    expect(parseGoDurationSeconds('-2m')).toBe(-120);
    expect(parseGoDurationSeconds('+2m')).toBe(120);
    expect(parseGoDurationSeconds('')).toBeUndefined();
  });
});

describe('keyValuePairsField', () => {
  const pairs = keyValuePairsField();

  it.each([
    [{ team: 'payments', tier: 1, on: true }, { team: 'payments', tier: '1', on: 'true' }],
    ['team=payments,env=prod', { team: 'payments', env: 'prod' }],
    [['team=payments', 'url=a=b'], { team: 'payments', url: 'a=b' }],
    ['empty=', { empty: '' }],
  ])('reads %j as %j', (input, expected) => {
    expect(pairs.parse(input)).toEqual(expected);
  });

  it.each([['team'], [['team']], [[1]], [{ team: null }], [{ team: ['a'] }], [7]])('refuses %j', (input) => {
    expect(pairs.safeParse(input).success).toBe(false);
  });
});

describe('integerField', () => {
  const port = integerField(1, 65535);

  it.each([[443, 443], ['8200', 8200]])('reads %j as %d', (input, expected) => {
    expect(port.parse(input)).toBe(expected);
  });

  it.each([[0], [65536], [1.5], ['8o'], ['-1'], [null]])('refuses %j', (input) => {
    expect(port.safeParse(input).success).toBe(false);
  });
});

describe('choiceFieldWithDefault', () => {
  const cloud = choiceFieldWithDefault(['AzurePublicCloud', 'AzureChinaCloud'], 'AzurePublicCloud', { ignoreCase: true });

  it('falls back on missing or empty, and canonicalises case', () => {
    expect(cloud.parse(undefined)).toBe('AzurePublicCloud');
    expect(cloud.parse('')).toBe('AzurePublicCloud');
    expect(cloud.parse('azurechinacloud')).toBe('AzureChinaCloud');
    expect(cloud.safeParse('AzureMoon').success).toBe(false);
  });
});

describe('urlFormat', () => {
  const https = urlFormat(['https']);

  it.each([
    ['https://v.vault.azure.net', true],
    ['https://127.0.0.1:8443/', true],
    ['http://v.vault.azure.net', false],
    ['v.vault.azure.net', false],
    ['https://', false],
  ])('%s → %s', (value, expected) => {
    expect(https.test(value)).toBe(expected);
  });
});

describe('isMaskedValue', () => {
  it.each([
    ['*****', true],
    ['*', true],
    ['', false],
    ['a****', false],
    [5, false],
  ])('%j → %s', (value, expected) => {
    expect(isMaskedValue(value)).toBe(expected);
  });
});
