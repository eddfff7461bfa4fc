import { ErrorCode } from '../errors/error-code';
import { ConfigurationError } from '../errors/vault-sync-error';
import { compileTemplate } from './compile-template';
import { TemplateVariables, secretTemplateVariables } from './template-variables';

// The example secret of spec §5: `path/to/secret1` (key `foo`, accessor `kv_1234`) in mount `path/to/kv1` of `ns1/ns2`.
const SECRET = secretTemplateVariables({
  destinationType: 'aws-sm',
  destinationName: 'my-dest',
  namespacePath: 'ns1/ns2',
  namespaceId: 'RQegM',
  mountPath: 'path/to/kv1',
  mountAccessor: 'kv_1234',
  secretPath: 'path/to/secret1',
});
const VARIABLES: TemplateVariables = { ...SECRET, SecretKey: 'foo' };

function render(source: string, variables: TemplateVariables = VARIABLES): string {
  return compileTemplate(source).render(variables);
}

function templateError(message: string) {
  return expect.objectContaining({
    code: ErrorCode.InvalidTemplate,
    field: 'secret_name_template',
    message: expect.stringContaining(message),
  });
}

describe('compileTemplate: Vault documented examples (spec §5)', () => {
  it.each([
    ['prefix-{{ .SecretPath }}', 'prefix-path/to/secret1'],
    ['{{ .SecretBaseName | uppercase }}', 'SECRET1'],
    ['{{ .MountAccessor }}_{{ .SecretKey }}', 'kv_1234_foo'],
    ['{{ .SecretPath | replace "/" "_" }}', 'path_to_secret1'],
  ])('renders %s as %s', (source, expected) => {
    expect(render(source)).toBe(expected);
  });
});

describe('compileTemplate: variables', () => {
  it.each([
    ['DestinationType', 'aws-sm'],
    ['DestinationName', 'my-dest'],
    ['NamespacePath', 'ns1/ns2/'],
    ['NamespaceBaseName', 'ns2'],
    ['NamespaceID', 'RQegM'],
    ['MountPath', 'path/to/kv1'],
    ['MountBaseName', 'kv1'],
    ['MountAccessor', 'kv_1234'],
    ['SecretPath', 'path/to/secret1'],
    ['SecretBaseName', 'secret1'],
    ['SecretKey', 'foo'],
  ])('renders .%s', (variable, expected) => {
    expect(render(`<{{ .${variable} }}>`)).toBe(`<${expected}>`);
  });

  it('treats {{.Field}} and {{ .Field }} alike, and allows newlines inside an action', () => {
    expect(render('{{.SecretPath}}|{{   .SecretPath\n}}')).toBe('path/to/secret1|path/to/secret1');
  });

  it('keeps literal text verbatim, unicode and stray braces included', () => {
    expect(render('ü-}}-{{ .SecretBaseName }}-😀-秘密')).toBe('ü-}}-secret1-😀-秘密');
  });

  it('renders a template without actions as its text, and an empty template as ""', () => {
    expect(render('static-name')).toBe('static-name');
    expect(render('')).toBe('');
  });

  it('renders an empty variable as an empty string', () => {
    expect(render('[{{ .NamespacePath }}]', { ...VARIABLES, NamespacePath: '' })).toBe('[]');
  });

  it('reports which variables a template references, wherever they appear', () => {
    expect(compileTemplate('{{ .SecretPath }}').references('SecretKey')).toBe(false);
    expect(compileTemplate('{{ .SecretPath }}').references('SecretPath')).toBe(true);
    expect(compileTemplate('{{ printf "%s-%s" .SecretPath (.SecretKey | uppercase) }}').references('SecretKey')).toBe(true);
  });

  it('keeps the source it was compiled from', () => {
    expect(compileTemplate('a-{{ .SecretPath }}').source).toBe('a-{{ .SecretPath }}');
  });

  it('refuses to render .SecretKey when no key is given (secret-path)', () => {
    expect(() => compileTemplate('{{ .SecretKey }}').render(SECRET)).toThrow(templateError('.SecretKey'));
  });
});

describe('compileTemplate: trim markers', () => {
  it('trims spaces, tabs and newlines on the marked side only', () => {
    expect(render('a \t\n {{- .SecretBaseName }} b')).toBe('asecret1 b');
    expect(render('a {{ .SecretBaseName -}} \n\t b')).toBe('a secret1b');
    expect(render('a  {{- .SecretBaseName -}}  b')).toBe('asecret1b');
  });

  it('reads "{{-3}}" as the number -3, like Go, because a marker needs a following space', () => {
    expect(render('a {{-3}}')).toBe('a -3');
  });

  it('trims text that is all whitespace down to nothing', () => {
    expect(render('{{ .MountBaseName -}}   {{- .SecretBaseName }}')).toBe('kv1secret1');
  });
});

describe('compileTemplate: pipelines, calls and literals', () => {
  it('chains pipes left to right', () => {
    expect(render('{{ .SecretPath | replace "/" "-" | uppercase }}')).toBe('PATH-TO-SECRET1');
  });

  it('passes the piped value as the LAST argument (Go semantics)', () => {
    expect(render('{{ "a/b" | replace "/" "+" }}')).toBe('a+b');
    expect(render('{{ .SecretBaseName | printf "%s_%s" .MountBaseName }}')).toBe('kv1_secret1');
  });

  it('supports prefix calls and parenthesised sub-expressions', () => {
    expect(render('{{ uppercase .SecretPath }}')).toBe('PATH/TO/SECRET1');
    expect(render('{{ replace "/" "_" (.SecretPath | uppercase) }}')).toBe('PATH_TO_SECRET1');
    expect(render('{{ (.SecretBaseName) }}')).toBe('secret1');
    expect(render('{{ (lowercase (uppercase .SecretBaseName)) | truncate 3 }}')).toBe('sec');
  });

  it('prints integer and string literals', () => {
    expect(render('{{ 42 }}-{{ "lit" }}-{{ `raw` }}')).toBe('42-lit-raw');
  });

  it('applies Go escapes in double-quoted strings', () => {
    expect(render(String.raw`{{ "\x41\u00fc\U0001F600\101\\\"\t" }}`)).toBe('Aü😀A\\"\t');
  });

  it('decodes byte escapes as UTF-8', () => {
    expect(render(String.raw`{{ "\xc3\xbc" }}`)).toBe('ü');
  });

  it('takes backquoted strings raw, newlines included', () => {
    expect(render('{{ .SecretPath | replace "/" `\\n` }}')).toBe('path\\nto\\nsecret1');
    expect(render('{{ `a\nb` }}')).toBe('a\nb');
  });
});

describe('compileTemplate: functions', () => {
  it.each([
    ['{{ "ÄBC" | lowercase }}', 'äbc'],
    ['{{ "straße" | uppercase }}', 'STRAßE'],
    ['{{ .SecretPath | truncate 4 }}', 'path'],
    ['{{ .SecretPath | truncate 100 }}', 'path/to/secret1'],
    ['{{ "日本語テキスト" | truncate 3 }}', '日本語'],
    ['{{ "abcdefghijkl" | truncate_sha256 10 }}', 'ab3615b840'],
    ['{{ "abcdefghij" | truncate_sha256 10 }}', 'abcdefghij'],
    ['{{ "abc" | sha256 }}', 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'],
    ['{{ .SecretPath | base64 }}', 'cGF0aC90by9zZWNyZXQx'],
    ['{{ "ab" | replace "" "-" }}', '-a-b-'],
    ['{{ "a.b.c" | replace "." "" }}', 'abc'],
  ])('%s renders %s', (source, expected) => {
    expect(render(source)).toBe(expected);
  });

  it.each([
    ['{{ printf "%s-%s" .MountBaseName .SecretBaseName }}', 'kv1-secret1'],
    ['{{ printf "%s-%d" .SecretBaseName 7 }}', 'secret1-7'],
    ['{{ printf "%v/%v" 7 .SecretKey }}', '7/foo'],
    ['{{ printf "%x" "hi" }}', '6869'],
    ['{{ printf "%X" 255 }}', 'FF'],
    ['{{ printf "100%%" }}', '100%'],
  ])('printf: %s renders %s', (source, expected) => {
    expect(render(source)).toBe(expected);
  });
});

describe('compileTemplate: rejected templates', () => {
  it('throws a ConfigurationError with the template field and position', () => {
    let thrown: unknown;
    try {
      compileTemplate('abc {{ .SecretPath | nope }}');
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ConfigurationError);
    expect(thrown).toEqual(templateError('unknown function "nope"'));
    expect((thrown as Error).message).toContain('line 1, column 22');
  });

  it.each(['random', 'uuid', 'timestamp', 'unix_time', 'unix_time_millis'])(
    'rejects the non-deterministic function %s and says why',
    (name) => {
      expect(() => compileTemplate(`{{ ${name} 20 }}`)).toThrow(templateError(`function "${name}" is not allowed`));
      expect(() => compileTemplate(`{{ ${name} 20 }}`)).toThrow(templateError('same on every sync'));
    },
  );

  it('rejects a non-deterministic function in argument position too', () => {
    expect(() => compileTemplate('{{ printf "%s" uuid }}')).toThrow(templateError('function "uuid" is not allowed'));
  });

  it.each([
    ['{{ .SecretPath', 'unclosed action: missing "}}" (line 1, column 1)'],
    ['name-{{ .SecretPath }', 'unexpected character "}"'],
    ['{{ "abc }}', 'unterminated string'],
    ['{{ "ab\ncd" }}', 'unterminated string'],
    ['{{ `abc }}', 'unterminated raw string'],
    ['{{ }}', 'empty action'],
    ['{{- -}}', 'empty action'],
    ['{{ .secretPath }}', 'unknown variable ".secretPath"; did you mean .SecretPath?'],
    ['{{ .Password }}', 'unknown variable ".Password"; known variables: .DestinationType'],
    ['{{ .SecretPath.Len }}', 'unknown variable ".SecretPath.Len"'],
    ['{{ . }}', 'the bare dot "." is not supported'],
    ['{{ constructor }}', 'unknown function "constructor"'],
    ['{{ len .SecretPath }}', 'unknown function "len"'],
    ['{{ if .SecretKey }}x{{ end }}', '"if": control structures are not supported'],
    ['{{ true }}', 'the constant "true" is not supported'],
    ['{{ $x := .SecretPath }}', 'template variables ("$...") are not supported'],
    ['{{ .SecretPath | }}', 'missing function after "|"'],
    ['{{ | uppercase }}', 'missing value'],
    ['{{ .SecretPath .SecretKey }}', '.SecretPath is not a function and cannot take arguments'],
    ['{{ .SecretPath | "x" }}', 'cannot pipe into the string "x"'],
    ['{{ (.SecretPath }}', 'unclosed "("'],
    ['{{ .SecretPath ) }}', 'unexpected ")"'],
    ['{{ truncate 4 }}', 'function "truncate" takes 2 argument(s) (int, string) but got 1'],
    ['{{ .SecretPath | uppercase "x" }}', 'function "uppercase" takes 1 argument(s)'],
    ['{{ printf "%s" uppercase }}', 'function "uppercase" takes 1 argument(s) (string) but got 0'],
    ['{{ .SecretPath | truncate "4" }}', 'argument 1 of "truncate" must be an int, got a string'],
    ['{{ 4 | uppercase }}', 'argument 1 of "uppercase" must be a string, got an int'],
    ['{{ .SecretPath | truncate 0 }}', 'truncate length must be at least 1, got 0'],
    ['{{ .SecretPath | truncate -3 }}', 'truncate length must be at least 1, got -3'],
    ['{{ .SecretPath | truncate_sha256 8 }}', 'truncate_sha256 length must be at least 9, got 8'],
    ['{{ 1.5 }}', 'unsupported number "1.5": only decimal integers are allowed'],
    ['{{ 0x1F }}', 'unsupported number "0x1F"'],
    ["{{ 'a' }}", `unexpected character "'"`],
    [String.raw`{{ "\q" }}`, 'unknown escape sequence "\\q"'],
    [String.raw`{{ "\u12" }}`, 'escape sequence needs 4 hex digits'],
    [String.raw`{{ "\ud800" }}`, 'not a valid Unicode code point'],
    [String.raw`{{ "\777" }}`, 'octal escape value is above 255'],
    [String.raw`{{ "\xff" }}`, 'not valid UTF-8'],
    ['{{ printf "%s-%s" .SecretPath }}', 'has 2 verb(s) but receives 1 argument(s)'],
    ['{{ printf "%d" .SecretPath }}', 'printf verb %d cannot format argument 1 (string)'],
    ['{{ printf "%5s" .SecretPath }}', 'uses "%5"; supported verbs'],
    ['{{ printf "50%" }}', 'uses a lone "%" at the end'],
    ['{{ .SecretPath | printf }}', 'the printf format must be a string literal'],
  ])('rejects %j: %s', (source, message) => {
    expect(() => compileTemplate(source)).toThrow(templateError(message));
  });

  it('reports positions as line and column, counting characters rather than UTF-16 units', () => {
    expect(() => compileTemplate('a\nbc {{ .Nope }}')).toThrow(templateError('(line 2, column 7)'));
    expect(() => compileTemplate('ü😀{{ .Nope }}')).toThrow(templateError('(line 1, column 6)'));
  });
});
