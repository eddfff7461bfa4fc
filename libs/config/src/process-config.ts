import { AppConfig, ConfigError, loadConfig } from './config';

/**
 * The configuration of this process, read from its environment once. On invalid configuration it writes
 * one line naming every bad variable and exits: a service must not start half-configured.
 */
export function configFromProcess(): AppConfig {
  try {
    // eslint-disable-next-line no-restricted-syntax -- the one place that reads the environment
    return loadConfig(process.env);
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    process.stderr.write(`${err.message}\n`);
    process.exit(2);
  }
}

/** The service name `npm start` and docker-compose give each process, for logs. */
export function serviceName(fallback: string): string {
  // eslint-disable-next-line no-restricted-syntax -- set by the process supervisor, not configuration
  return process.env['SYNC_SERVICE_NAME'] ?? fallback;
}
