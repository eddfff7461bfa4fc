import { invalidArgument } from './gcp-sm.errors';

/** An item as the filter sees it: flat field paths (`name`, `state`, `labels.env`) to string values. */
export type FilterFields = Record<string, string>;
export type FilterPredicate = (fields: FilterFields) => boolean;

const TERM = /^(-|NOT:)?([A-Za-z_][\w.-]*)(!=|=|:)(.*)$/;
const unquote = (value: string) => (value.length >= 2 && value.startsWith('"') && value.endsWith('"') ? value.slice(1, -1) : value);

/**
 * The subset of the List filter syntax a sync engine uses: whitespace- or AND-joined terms `field=value`,
 * `field!=value`, `field:value` (substring; `:*` = present; `labels:key` = has the key), negated with `-` or NOT.
 * `roots` are the fields this list accepts (`name`, `labels`, … for secrets; `name`, `state` for versions).
 */
export function compileFilter(filter: string, roots: string[], mapRoots: string[] = []): FilterPredicate {
  const tokens = (filter.match(/(?:[^\s"]+|"[^"]*")+/g) ?? []).filter((token) => token !== 'AND');
  const merged: string[] = [];
  for (const token of tokens) {
    if (token === 'OR') throw invalidArgument(`Invalid filter [${filter}]: OR is not supported by this emulator.`);
    if (merged.at(-1) === 'NOT') merged[merged.length - 1] = `NOT:${token}`;
    else merged.push(token);
  }
  const predicates = merged.map((token): FilterPredicate => {
    const found = TERM.exec(token);
    if (!found) throw invalidArgument(`Invalid filter [${filter}]: cannot parse [${token}].`);
    const [, negation, field, operator, rawValue] = found;
    if (!roots.includes(field.split('.')[0])) throw invalidArgument(`Invalid filter [${filter}]: unknown field [${field}].`);
    const value = unquote(rawValue);
    const test = termTest(field, operator, value, mapRoots.includes(field));
    return negation ? (fields) => !test(fields) : test;
  });
  return (fields) => predicates.every((predicate) => predicate(fields));
}

function termTest(field: string, operator: string, value: string, isMap: boolean): FilterPredicate {
  if (operator === ':' && isMap) return (fields) => `${field}.${value}` in fields;
  if (operator === ':' && value === '*') return (fields) => field in fields;
  if (operator === ':') return (fields) => (fields[field] ?? '').toLowerCase().includes(value.toLowerCase());
  if (operator === '!=') return (fields) => fields[field] !== value;
  return (fields) => fields[field] === value;
}
