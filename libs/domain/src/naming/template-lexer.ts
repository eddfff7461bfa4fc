import { templateError } from './template-error';

export type TemplateToken =
  | { readonly type: 'field'; readonly name: string; readonly offset: number }
  | { readonly type: 'identifier'; readonly name: string; readonly offset: number }
  | { readonly type: 'string'; readonly value: string; readonly offset: number }
  | { readonly type: 'number'; readonly value: number; readonly offset: number }
  | { readonly type: 'pipe' | 'open-paren' | 'close-paren'; readonly offset: number };

export type TemplateSegment =
  | { readonly type: 'text'; readonly text: string }
  | { readonly type: 'action'; readonly tokens: readonly TemplateToken[]; readonly offset: number };

const OPEN = '{{';
const CLOSE = '}}';
const TRIM_CLOSE = '-}}';
const IDENTIFIER = /[A-Za-z_][A-Za-z0-9_]*/y;
const NUMBER_LIKE = /[+-]?[0-9][0-9A-Za-z_.]*/y;
const SIMPLE_ESCAPES: Readonly<Record<string, string>> = {
  a: '\x07',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v',
  '\\': '\\',
  '"': '"',
};
const HEX_ESCAPE_DIGITS: Readonly<Record<string, number>> = { x: 2, u: 4, U: 8 };

/** Go text/template's notion of trimmable space around `{{-` and `-}}`. */
function isSpace(char: string | undefined): boolean {
  return char === ' ' || char === '\t' || char === '\r' || char === '\n';
}

function trimSpaceEnd(text: string): string {
  let end = text.length;
  while (end > 0 && isSpace(text[end - 1])) end--;
  return text.slice(0, end);
}

/**
 * Splits a template into literal text and actions, and tokenises each action. Trim markers are applied here:
 * like Go, `{{-` and `-}}` only count as markers when a space separates them from the action's content.
 */
export function lexTemplate(source: string): TemplateSegment[] {
  return new TemplateLexer(source).lex();
}

class TemplateLexer {
  private readonly segments: TemplateSegment[] = [];
  private pos = 0;
  private trimNextText = false;

  constructor(private readonly source: string) {}

  lex(): TemplateSegment[] {
    while (this.pos < this.source.length) {
      const open = this.source.indexOf(OPEN, this.pos);
      const trimLeft = open >= 0 && this.source[open + OPEN.length] === '-' && isSpace(this.source[open + OPEN.length + 1]);
      this.pushText(this.source.slice(this.pos, open < 0 ? undefined : open), trimLeft);
      if (open < 0) break;
      this.pos = open + OPEN.length + (trimLeft ? 1 : 0);
      this.lexAction(open);
    }
    return this.segments;
  }

  private pushText(raw: string, trimEnd: boolean): void {
    let text = this.trimNextText ? raw.replace(/^[ \t\r\n]+/, '') : raw;
    if (trimEnd) text = trimSpaceEnd(text);
    this.trimNextText = false;
    if (text !== '') this.segments.push({ type: 'text', text });
  }

  private lexAction(actionOffset: number): void {
    const tokens: TemplateToken[] = [];
    for (;;) {
      const afterSpace = this.skipSpace();
      if (this.pos >= this.source.length) throw this.error(actionOffset, 'unclosed action: missing "}}"');
      if (afterSpace && this.source.startsWith(TRIM_CLOSE, this.pos)) {
        this.pos += TRIM_CLOSE.length;
        this.trimNextText = true;
        break;
      }
      if (this.source.startsWith(CLOSE, this.pos)) {
        this.pos += CLOSE.length;
        break;
      }
      tokens.push(this.lexToken());
    }
    if (tokens.length === 0) throw this.error(actionOffset, 'empty action "{{ }}"');
    this.segments.push({ type: 'action', tokens, offset: actionOffset });
  }

  /** Returns whether any space was skipped. */
  private skipSpace(): boolean {
    const start = this.pos;
    while (isSpace(this.source[this.pos])) this.pos++;
    return this.pos > start;
  }

  private lexToken(): TemplateToken {
    const offset = this.pos;
    const char = this.source[offset];
    switch (char) {
      case '|':
        this.pos++;
        return { type: 'pipe', offset };
      case '(':
        this.pos++;
        return { type: 'open-paren', offset };
      case ')':
        this.pos++;
        return { type: 'close-paren', offset };
      case '"':
        return { type: 'string', value: this.lexQuotedString(), offset };
      case '`':
        return { type: 'string', value: this.lexRawString(), offset };
      case '.':
        return this.lexField();
      case '$':
        throw this.error(offset, 'template variables ("$...") are not supported');
    }
    const identifier = this.match(IDENTIFIER);
    if (identifier !== undefined) return { type: 'identifier', name: identifier, offset };
    const number = this.match(NUMBER_LIKE);
    if (number !== undefined) return { type: 'number', value: this.parseInteger(number, offset), offset };
    throw this.error(offset, `unexpected character ${JSON.stringify(char)}`);
  }

  private match(pattern: RegExp): string | undefined {
    pattern.lastIndex = this.pos;
    const found = pattern.exec(this.source);
    if (found === null) return undefined;
    this.pos += found[0].length;
    return found[0];
  }

  private lexField(): TemplateToken {
    const offset = this.pos;
    this.pos++;
    // Go lexes `.A.B` as a field chain; keeping it as one name lets the parser reject it as an unknown variable.
    let name = this.match(IDENTIFIER) ?? '';
    while (this.source[this.pos] === '.' && name !== '') {
      this.pos++;
      name += `.${this.match(IDENTIFIER) ?? ''}`;
    }
    if (name === '') throw this.error(offset, 'the bare dot "." is not supported: reference a variable such as .SecretPath');
    return { type: 'field', name, offset };
  }

  private parseInteger(text: string, offset: number): number {
    const value = Number(text);
    if (!/^[+-]?[0-9]+$/.test(text) || !Number.isSafeInteger(value)) {
      throw this.error(offset, `unsupported number ${JSON.stringify(text)}: only decimal integers are allowed`);
    }
    return value;
  }

  private lexRawString(): string {
    const start = this.pos;
    const end = this.source.indexOf('`', start + 1);
    if (end < 0) throw this.error(start, 'unterminated raw string');
    this.pos = end + 1;
    return this.source.slice(start + 1, end);
  }

  /** A Go interpreted string literal. Escapes build bytes first because `\xHH` and octal escapes are bytes. */
  private lexQuotedString(): string {
    const start = this.pos;
    const bytes: number[] = [];
    this.pos++;
    for (;;) {
      const char = this.source[this.pos];
      if (char === undefined || char === '\n') throw this.error(start, 'unterminated string');
      if (char === '"') break;
      if (char === '\\') {
        this.lexEscape(bytes);
        continue;
      }
      const codePoint = this.source.codePointAt(this.pos) ?? 0;
      this.pos += codePoint > 0xffff ? 2 : 1;
      bytes.push(...Buffer.from(String.fromCodePoint(codePoint), 'utf8'));
    }
    this.pos++;
    try {
      return new TextDecoder('utf-8', { fatal: true }).decode(Uint8Array.from(bytes));
    } catch {
      throw this.error(start, 'string is not valid UTF-8 after its escapes are applied');
    }
  }

  private lexEscape(bytes: number[]): void {
    const offset = this.pos;
    const kind = this.source[this.pos + 1] ?? '';
    this.pos += 2;
    const simple = SIMPLE_ESCAPES[kind];
    if (simple !== undefined) {
      bytes.push(simple.charCodeAt(0));
      return;
    }
    const hexDigits = HEX_ESCAPE_DIGITS[kind];
    if (hexDigits !== undefined) {
      const value = this.readDigits(offset, hexDigits, 16);
      if (kind === 'x') {
        bytes.push(value);
        return;
      }
      if (value > 0x10ffff || (value >= 0xd800 && value <= 0xdfff)) {
        throw this.error(offset, 'escape sequence is not a valid Unicode code point');
      }
      bytes.push(...Buffer.from(String.fromCodePoint(value), 'utf8'));
      return;
    }
    if (/[0-7]/.test(kind)) {
      this.pos--;
      const value = this.readDigits(offset, 3, 8);
      if (value > 0xff) throw this.error(offset, 'octal escape value is above 255');
      bytes.push(value);
      return;
    }
    throw this.error(offset, `unknown escape sequence "\\${kind}"`);
  }

  private readDigits(escapeOffset: number, count: number, radix: 8 | 16): number {
    const digits = this.source.slice(this.pos, this.pos + count);
    const valid = radix === 16 ? /^[0-9A-Fa-f]+$/ : /^[0-7]+$/;
    if (digits.length !== count || !valid.test(digits)) {
      throw this.error(escapeOffset, `escape sequence needs ${count} ${radix === 16 ? 'hex' : 'octal'} digits`);
    }
    this.pos += count;
    return parseInt(digits, radix);
  }

  private error(offset: number, problem: string): Error {
    return templateError(this.source, offset, problem);
  }
}
