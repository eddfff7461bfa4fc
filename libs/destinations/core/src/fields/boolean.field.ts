import { z } from 'zod';

// The spellings Go's strconv.ParseBool accepts, which is what Vault's field parser uses for string booleans (spec §2).
const TRUE_TEXTS = ['1', 't', 'T', 'TRUE', 'true', 'True'];
const FALSE_TEXTS = ['0', 'f', 'F', 'FALSE', 'false', 'False'];

function parseBooleanText(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  if (TRUE_TEXTS.includes(value)) return true;
  if (FALSE_TEXTS.includes(value)) return false;
  return value;
}

/** A boolean sent as JSON `true`/`false` or as a string such as `"true"` (spec §2). */
export const booleanField = z.preprocess(parseBooleanText, z.boolean({ error: 'must be a boolean (true, false, "true" or "false")' }));
