/**
 * The ACL policy language, as far as path rules go: HCL `path "<glob>" { capabilities = [...] }` blocks (the
 * legacy `policy = "read"` form too) or the same structure as JSON. Other keys inside a block
 * (`allowed_parameters`, `required_parameters`, …) are parsed and ignored.
 */

export const CAPABILITIES = ['create', 'read', 'update', 'patch', 'delete', 'list', 'sudo', 'deny', 'subscribe', 'recover'] as const;
export type Capability = (typeof CAPABILITIES)[number];

export interface PathRule {
  /** As written, without a leading `/`: exact, a `*` prefix glob, and/or `+` segment wildcards. */
  path: string;
  capabilities: Capability[];
}

export class PolicyParseError extends Error {}

const LEGACY_POLICIES: Record<string, Capability[]> = {
  deny: ['deny'],
  read: ['read', 'list'],
  write: ['create', 'read', 'update', 'delete', 'list'],
  sudo: ['create', 'read', 'update', 'delete', 'list', 'sudo'],
};

type HclValue = string | number | boolean | HclValue[] | HclBody;
interface HclBody {
  attributes: Record<string, HclValue>;
  blocks: { type: string; labels: string[]; body: HclBody }[];
}

interface Token {
  kind: 'string' | 'ident' | 'number' | 'punct';
  text: string;
  value: string;
}

const TOKEN = /\s+|#[^\n]*|\/\/[^\n]*|\/\*[\s\S]*?\*\/|("(?:[^"\\\n]|\\.)*")|([A-Za-z_][\w.-]*)|(-?\d+(?:\.\d+)?)|([{}[\]=,:])/y;

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < text.length) {
    const at = TOKEN.lastIndex;
    const match = TOKEN.exec(text);
    if (!match) throw new PolicyParseError(`unexpected character ${JSON.stringify(text[at])} at offset ${at}`);
    const [whole, quoted, ident, number, punct] = match;
    if (quoted !== undefined) tokens.push({ kind: 'string', text: whole, value: JSON.parse(quoted) as string });
    else if (ident !== undefined) tokens.push({ kind: 'ident', text: whole, value: ident });
    else if (number !== undefined) tokens.push({ kind: 'number', text: whole, value: number });
    else if (punct !== undefined) tokens.push({ kind: 'punct', text: whole, value: punct });
  }
  return tokens;
}

class HclParser {
  private position = 0;
  constructor(private readonly tokens: Token[]) {}

  parseDocument(): HclBody {
    const body = this.parseBody(undefined);
    if (this.position < this.tokens.length) throw new PolicyParseError(`unexpected ${this.tokens[this.position].text}`);
    return body;
  }

  private peek(): Token | undefined {
    return this.tokens[this.position];
  }

  private next(): Token {
    const token = this.tokens[this.position++];
    if (!token) throw new PolicyParseError('unexpected end of policy');
    return token;
  }

  private expect(punct: string): void {
    const token = this.next();
    if (token.kind !== 'punct' || token.value !== punct) throw new PolicyParseError(`expected ${punct}, found ${token.text}`);
  }

  private isPunct(punct: string): boolean {
    const token = this.peek();
    return token?.kind === 'punct' && token.value === punct;
  }

  /** Items until `closing` (or the end of input); commas between items are tolerated, as in object values. */
  private parseBody(closing: string | undefined): HclBody {
    const body: HclBody = { attributes: {}, blocks: [] };
    while (this.peek() && !(closing && this.isPunct(closing))) {
      if (this.isPunct(',')) {
        this.position++;
        continue;
      }
      const name = this.next();
      if (name.kind !== 'ident' && name.kind !== 'string') throw new PolicyParseError(`expected a key, found ${name.text}`);
      if (this.isPunct('=') || this.isPunct(':')) {
        this.position++;
        body.attributes[name.value] = this.parseValue();
        continue;
      }
      const labels: string[] = [];
      while (this.peek()?.kind === 'string' || this.peek()?.kind === 'ident') labels.push(this.next().value);
      this.expect('{');
      body.blocks.push({ type: name.value, labels, body: this.parseBody('}') });
      this.expect('}');
    }
    return body;
  }

  private parseValue(): HclValue {
    const token = this.next();
    if (token.kind === 'string') return token.value;
    if (token.kind === 'number') return Number(token.value);
    if (token.kind === 'ident' && (token.value === 'true' || token.value === 'false')) return token.value === 'true';
    if (token.kind === 'punct' && token.value === '[') {
      const items: HclValue[] = [];
      while (!this.isPunct(']')) {
        items.push(this.parseValue());
        if (!this.isPunct(']')) this.expect(',');
      }
      this.expect(']');
      return items;
    }
    if (token.kind === 'punct' && token.value === '{') {
      const body = this.parseBody('}');
      this.expect('}');
      return body;
    }
    throw new PolicyParseError(`unexpected ${token.text}`);
  }
}

function capabilitiesOf(path: string, capabilities: unknown, legacy: unknown): Capability[] {
  const found = new Set<Capability>();
  if (capabilities !== undefined) {
    if (!Array.isArray(capabilities)) throw new PolicyParseError(`path ${JSON.stringify(path)}: capabilities must be a list`);
    for (const name of capabilities) {
      const capability = String(name).toLowerCase() as Capability;
      if (!CAPABILITIES.includes(capability)) throw new PolicyParseError(`path ${JSON.stringify(path)}: invalid capability ${JSON.stringify(String(name))}`);
      found.add(capability);
    }
  }
  if (legacy !== undefined) {
    const mapped = LEGACY_POLICIES[String(legacy).toLowerCase()];
    if (!mapped) throw new PolicyParseError(`path ${JSON.stringify(path)}: invalid policy ${JSON.stringify(String(legacy))}`);
    mapped.forEach((capability) => found.add(capability));
  }
  return [...found];
}

const normalisePath = (path: string) => path.replace(/^\/+/, '');

function rulesFromJson(text: string): PathRule[] {
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (err) {
    throw new PolicyParseError(err instanceof Error ? err.message : String(err));
  }
  const paths = (document as { path?: unknown } | null)?.path ?? {};
  if (typeof paths !== 'object' || paths === null) throw new PolicyParseError('"path" must be an object');
  return Object.entries(paths as Record<string, { capabilities?: unknown; policy?: unknown }>).map(([path, rule]) => ({
    path: normalisePath(path),
    capabilities: capabilitiesOf(path, rule?.capabilities, rule?.policy),
  }));
}

function rulesFromHcl(text: string): PathRule[] {
  const document = new HclParser(tokenize(text)).parseDocument();
  return document.blocks
    .filter((block) => block.type === 'path')
    .map((block) => {
      if (block.labels.length !== 1) throw new PolicyParseError('a path block takes exactly one path');
      const [path] = block.labels;
      return { path: normalisePath(path), capabilities: capabilitiesOf(path, block.body.attributes['capabilities'], block.body.attributes['policy']) };
    });
}

/** Parses a policy document; throws {@link PolicyParseError} with the reason Vault would give. */
export function parsePolicy(text: string): PathRule[] {
  return text.trim().startsWith('{') ? rulesFromJson(text) : rulesFromHcl(text);
}
