/** How much of a destination's own error message our messages keep. */
export const SERVICE_MESSAGE_MAX = 300;

/**
 * A destination's own words for an error, fit for our messages: the first line only, with every string of
 * `redact` (the value being written, a token) blanked out, capped at {@link SERVICE_MESSAGE_MAX} characters.
 */
export function serviceWords(message: string, redact: readonly string[] = []): string {
  let text = message.split('\n')[0].trim();
  for (const secret of redact) {
    if (secret.length > 0) text = text.split(secret).join('[redacted]');
  }
  return text.length > SERVICE_MESSAGE_MAX ? `${text.slice(0, SERVICE_MESSAGE_MAX)}…` : text;
}

/** {@link serviceWords} as a suffix, `: <words>`, or nothing when the service said nothing. */
export function serviceDetail(message: string, redact?: readonly string[]): string {
  const words = serviceWords(message, redact);
  return words === '' ? '' : `: ${words}`;
}
