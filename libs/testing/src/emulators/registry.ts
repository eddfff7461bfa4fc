import { EmulatorOptions, RunningEmulator } from './core/control';

/** Options from the command line: `--port`, `--host`, plus emulator-specific flags by name. */
export type EmulatorFactory = (options: EmulatorOptions & { flags: Record<string, string> }) => Promise<RunningEmulator>;

/** Every emulator `npm run emulator -- <kind>` can start. */
export const EMULATORS: Record<string, EmulatorFactory> = {
  'aws-sm': (o) => import('./aws-sm').then((m) => m.startAwsSmEmulator(o)),
  'azure-kv': (o) => import('./azure-kv').then((m) => m.startAzureKvEmulator(o)),
  'gcp-sm': (o) => import('./gcp-sm').then((m) => m.startGcpSmEmulator(o)),
  'gh': (o) => import('./gh').then((m) => m.startGhEmulator(o)),
  'vercel-project': (o) => import('./vercel-project').then((m) => m.startVercelProjectEmulator(o)),
  vault: (o) => import('./vault').then((m) => m.startVaultEmulator(o)),
};
