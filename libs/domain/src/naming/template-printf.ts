import { TemplateValue, ValueType } from './template-ast';

/** The Go fmt verbs a name template can use; widths, flags and the rest of fmt are refused at compile time. */
const VERB_ACCEPTS: Readonly<Record<string, readonly ValueType[]>> = {
  s: ['string'],
  d: ['int'],
  v: ['string', 'int'],
  x: ['string', 'int'],
  X: ['string', 'int'],
};

type PrintfPiece = { readonly text: string } | { readonly verb: string };

export const SUPPORTED_PRINTF_VERBS = '%s %d %v %x %X %%';

/** Returns the problem with a `printf` format and its argument types, or undefined when they fit. */
export function checkPrintf(format: string, argTypes: readonly ValueType[]): string | undefined {
  const pieces = parseFormat(format);
  if (typeof pieces === 'string') return pieces;
  const verbs = pieces.flatMap((piece) => ('verb' in piece ? [piece.verb] : []));
  if (verbs.length !== argTypes.length) {
    return `printf format ${JSON.stringify(format)} has ${verbs.length} verb(s) but receives ${argTypes.length} argument(s)`;
  }
  const mismatch = verbs.findIndex((verb, index) => !(VERB_ACCEPTS[verb] ?? []).includes(argTypes[index] ?? 'string'));
  return mismatch < 0 ? undefined : `printf verb %${verbs[mismatch]} cannot format argument ${mismatch + 1} (${argTypes[mismatch]})`;
}

/** Formats like Go's `fmt.Sprintf`, for a format that passed {@link checkPrintf}. */
export function formatPrintf(format: string, args: readonly TemplateValue[]): string {
  const pieces = parseFormat(format);
  if (typeof pieces === 'string') throw new Error(pieces);
  let next = 0;
  return pieces.map((piece) => ('text' in piece ? piece.text : formatValue(piece.verb, args[next++] ?? ''))).join('');
}

function formatValue(verb: string, value: TemplateValue): string {
  if (verb !== 'x' && verb !== 'X') return String(value);
  const hex = typeof value === 'number' ? value.toString(16) : Buffer.from(value, 'utf8').toString('hex');
  return verb === 'X' ? hex.toUpperCase() : hex;
}

/** Splits a format into literal text and verbs, or returns the problem with it. */
function parseFormat(format: string): PrintfPiece[] | string {
  const pieces: PrintfPiece[] = [];
  let text = '';
  for (let i = 0; i < format.length; i++) {
    if (format[i] !== '%') {
      text += format[i];
      continue;
    }
    const verb = format[++i];
    if (verb === '%') {
      text += '%';
      continue;
    }
    if (verb === undefined || VERB_ACCEPTS[verb] === undefined) {
      const shown = verb === undefined ? 'a lone "%" at the end' : `"%${verb}"`;
      return `printf format ${JSON.stringify(format)} uses ${shown}; supported verbs: ${SUPPORTED_PRINTF_VERBS}`;
    }
    if (text !== '') pieces.push({ text });
    text = '';
    pieces.push({ verb });
  }
  if (text !== '') pieces.push({ text });
  return pieces;
}
