/** The part of a pino logger the reconciler uses. It logs references (accessor, path) and counts, never values. */
export interface ReconcilerLogger {
  info(details: object, message: string): void;
  warn(details: object, message: string): void;
}
