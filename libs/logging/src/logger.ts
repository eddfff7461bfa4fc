import pino, { DestinationStream, Logger } from 'pino';

/** Field names whose values are never written, at any of the depths below. */
export const REDACTED_FIELDS = [
  'token',
  'accessToken',
  'access_token',
  'authorization',
  'x-vault-token',
  'password',
  'secret',
  'secretValue',
  'value',
  'values',
  'data',
  'credentials',
  'client_secret',
  'secret_access_key',
  'private_key',
  'encryptionKey',
] as const;

export const CENSOR = '[redacted]';

function redactPaths(): string[] {
  return REDACTED_FIELDS.flatMap((field) => {
    const key = /^[A-Za-z_$][\w$]*$/.test(field) ? field : `["${field}"]`;
    const join = (prefix: string) => (key.startsWith('[') ? `${prefix}${key}` : `${prefix}.${key}`);
    return [key, join('*'), join('*.*'), join('*.*.*')];
  });
}

export interface LoggerOptions {
  service: string;
  level: string;
  /** Where to write; standard output when omitted. */
  destination?: DestinationStream;
}

/** The one logger factory: JSON lines, redaction of credential and value fields, the service name on every line. */
export function createLogger(options: LoggerOptions): Logger {
  return pino(
    {
      level: options.level,
      base: { service: options.service },
      redact: { paths: redactPaths(), censor: CENSOR },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    options.destination,
  );
}

export type { Logger };
