/** The part of a pino logger the feeds use. They log counts, reasons, addresses and paths, never entry bodies. */
export interface FeedLogger {
  info(details: object, message: string): void;
  warn(details: object, message: string): void;
}
