/**
 * Per-character case mapping like Go's strings.ToUpper/ToLower: a character whose mapping would be several
 * characters (German ß → SS) is left as is, so lengths never change.
 */
export function uppercase(text: string): string {
  return mapChars(text, (char) => char.toUpperCase());
}

export function lowercase(text: string): string {
  return mapChars(text, (char) => char.toLowerCase());
}

function mapChars(text: string, map: (char: string) => string): string {
  return Array.from(text, (char) => {
    const mapped = map(char);
    return Array.from(mapped).length === 1 ? mapped : char;
  }).join('');
}

/** Go's strings.ReplaceAll, including its rule that an empty `search` inserts around every character. */
export function replaceAll(search: string, replacement: string, text: string): string {
  return search === '' ? ['', ...Array.from(text), ''].join(replacement) : text.split(search).join(replacement);
}

export function base64Encode(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64');
}
