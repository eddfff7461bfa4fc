/**
 * The part of a pino logger the job helpers use. They log queue, job name, id, attempt and duration, never
 * job data.
 */
export interface JobLogger {
  info(details: object, message: string): void;
  warn(details: object, message: string): void;
  error(details: object, message: string): void;
}
