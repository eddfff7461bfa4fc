import { TemplateExpression, TemplatePart, typeOf } from './template-ast';
import { templateError } from './template-error';
import { NON_DETERMINISTIC_FUNCTIONS, TEMPLATE_FUNCTIONS, TemplateFunction } from './template-functions';
import { TemplateToken, lexTemplate } from './template-lexer';
import { TEMPLATE_VARIABLES, TemplateVariable, isTemplateVariable } from './template-variables';

export interface ParsedTemplate {
  readonly parts: readonly TemplatePart[];
  readonly variables: ReadonlySet<TemplateVariable>;
}

const CONTROL_KEYWORDS = new Set(['if', 'else', 'end', 'range', 'with', 'define', 'template', 'block', 'break', 'continue']);
const CONSTANT_KEYWORDS = new Set(['true', 'false', 'nil']);

/** Parses and type-checks a template: every error a template can have is found here, none at render time. */
export function parseTemplate(source: string): ParsedTemplate {
  const variables = new Set<TemplateVariable>();
  const parts = lexTemplate(source).map((segment) =>
    segment.type === 'text' ? segment.text : new ActionParser(source, segment.tokens, variables).parseAction(),
  );
  return { parts, variables };
}

class ActionParser {
  private index = 0;

  constructor(
    private readonly source: string,
    private readonly tokens: readonly TemplateToken[],
    private readonly variables: Set<TemplateVariable>,
  ) {}

  parseAction(): TemplateExpression {
    const expression = this.pipeline();
    const extra = this.peek();
    if (extra !== undefined) throw this.error(extra.offset, `unexpected ${describeToken(extra)}`);
    return expression;
  }

  private pipeline(): TemplateExpression {
    let value = this.command(undefined);
    while (this.peek()?.type === 'pipe') {
      this.index++;
      value = this.command(value);
    }
    return value;
  }

  /** `piped` is the value of the previous pipeline stage, if any. */
  private command(piped: TemplateExpression | undefined): TemplateExpression {
    const head = this.peek();
    if (head === undefined || head.type === 'pipe' || head.type === 'close-paren') {
      const offset = head?.offset ?? this.endOffset();
      throw this.error(offset, piped === undefined ? 'missing value' : 'missing function after "|"');
    }
    if (head.type === 'identifier') {
      this.index++;
      const args = this.operands();
      return this.call(head.name, head.offset, piped === undefined ? args : [...args, piped]);
    }
    const value = this.operand();
    const extra = this.peek();
    if (extra !== undefined && isOperandStart(extra)) {
      throw this.error(extra.offset, `${describeToken(head)} is not a function and cannot take arguments`);
    }
    if (piped !== undefined) {
      throw this.error(head.offset, `cannot pipe into ${describeToken(head)}: only a function can receive a piped value`);
    }
    return value;
  }

  private operands(): TemplateExpression[] {
    const args: TemplateExpression[] = [];
    for (let token = this.peek(); token !== undefined && isOperandStart(token); token = this.peek()) {
      args.push(this.operand());
    }
    return args;
  }

  private operand(): TemplateExpression {
    const token = this.tokens[this.index++];
    switch (token?.type) {
      case 'field':
        return this.variable(token.name, token.offset);
      case 'string':
      case 'number':
        return { kind: 'literal', value: token.value };
      case 'identifier':
        // Go calls a function named in argument position with no arguments.
        return this.call(token.name, token.offset, []);
      case 'open-paren': {
        const inner = this.pipeline();
        const close = this.tokens[this.index++];
        if (close?.type !== 'close-paren') throw this.error(token.offset, 'unclosed "("');
        return inner;
      }
      default:
        throw this.error(token?.offset ?? this.endOffset(), 'missing value');
    }
  }

  private variable(name: string, offset: number): TemplateExpression {
    if (!isTemplateVariable(name)) {
      const similar = TEMPLATE_VARIABLES.find((known) => known.toLowerCase() === name.toLowerCase());
      const hint = similar === undefined ? `known variables: .${TEMPLATE_VARIABLES.join(', .')}` : `did you mean .${similar}?`;
      throw this.error(offset, `unknown variable ".${name}"; ${hint}`);
    }
    this.variables.add(name);
    return { kind: 'variable', name };
  }

  private call(name: string, offset: number, args: TemplateExpression[]): TemplateExpression {
    const fn = this.resolveFunction(name, offset);
    const arity = fn.variadic ? `at least ${fn.params.length}` : `${fn.params.length}`;
    if (args.length < fn.params.length || (!fn.variadic && args.length > fn.params.length)) {
      throw this.error(
        offset,
        `function "${name}" takes ${arity} argument(s) (${fn.params.join(', ')}) but got ${args.length}; a piped value counts as the last argument`,
      );
    }
    fn.params.forEach((expected, position) => {
      const actual = typeOf(args[position]);
      if (actual !== expected) {
        throw this.error(offset, `argument ${position + 1} of "${name}" must be ${article(expected)}, got ${article(actual)}`);
      }
    });
    const problem = fn.check(args);
    if (problem !== undefined) throw this.error(offset, problem);
    return { kind: 'call', fn, args };
  }

  private resolveFunction(name: string, offset: number): TemplateFunction {
    if (NON_DETERMINISTIC_FUNCTIONS.has(name)) {
      throw this.error(
        offset,
        `function "${name}" is not allowed: its result changes between runs, and a secret name must render the same on every sync (otherwise each sync would create a new external secret)`,
      );
    }
    if (CONTROL_KEYWORDS.has(name)) throw this.error(offset, `"${name}": control structures are not supported in name templates`);
    if (CONSTANT_KEYWORDS.has(name)) throw this.error(offset, `the constant "${name}" is not supported in name templates`);
    const fn = TEMPLATE_FUNCTIONS.get(name);
    if (fn === undefined) {
      throw this.error(offset, `unknown function "${name}"; supported functions: ${[...TEMPLATE_FUNCTIONS.keys()].join(', ')}`);
    }
    return fn;
  }

  private peek(): TemplateToken | undefined {
    return this.tokens[this.index];
  }

  private endOffset(): number {
    const last = this.tokens[this.tokens.length - 1];
    return last === undefined ? 0 : last.offset;
  }

  private error(offset: number, problem: string): Error {
    return templateError(this.source, offset, problem);
  }
}

function isOperandStart(token: TemplateToken): boolean {
  return token.type !== 'pipe' && token.type !== 'close-paren';
}

function article(type: string): string {
  return type === 'int' ? 'an int' : 'a string';
}

function describeToken(token: TemplateToken): string {
  switch (token.type) {
    case 'field':
      return `.${token.name}`;
    case 'identifier':
      return `"${token.name}"`;
    case 'string':
      return `the string ${JSON.stringify(token.value)}`;
    case 'number':
      return `the number ${token.value}`;
    case 'pipe':
      return '"|"';
    case 'open-paren':
      return '"("';
    case 'close-paren':
      return '")"';
  }
}
