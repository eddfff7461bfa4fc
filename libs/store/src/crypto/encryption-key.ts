import { randomBytes } from 'node:crypto';
import { chmod, mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { EncryptionKeyError } from '../errors';

export const ENCRYPTION_KEY_BYTES = 32;

export interface EncryptionKeySource {
  /** `SYNC_ENCRYPTION_KEY`: 32 bytes, base64. Wins over the key file when set. */
  base64Key?: string;
  /** Read when no base64 key is given; generated (mode 0600) when absent. */
  keyFile: string;
}

/** The AES-256 key that encrypts destination credentials at rest. */
export async function loadEncryptionKey(source: EncryptionKeySource): Promise<Buffer> {
  if (source.base64Key !== undefined && source.base64Key !== '') {
    return decodeKey(source.base64Key, 'SYNC_ENCRYPTION_KEY');
  }
  try {
    return await readKeyFile(source.keyFile);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  return createKeyFile(source.keyFile);
}

function decodeKey(base64: string, origin: string): Buffer {
  const trimmed = base64.trim();
  const key = Buffer.from(trimmed, 'base64');
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(trimmed) || key.length !== ENCRYPTION_KEY_BYTES) {
    throw new EncryptionKeyError(
      `${origin} must be ${ENCRYPTION_KEY_BYTES} bytes, base64-encoded (generate one with: openssl rand -base64 ${ENCRYPTION_KEY_BYTES})`,
    );
  }
  return key;
}

async function readKeyFile(path: string): Promise<Buffer> {
  const { mode } = await stat(path);
  if ((mode & 0o077) !== 0) {
    throw new EncryptionKeyError(
      `encryption key file ${path} is accessible by group or others (mode ${(mode & 0o777).toString(8)}); run: chmod 600 ${path}`,
    );
  }
  return decodeKey(await readFile(path, 'utf8'), `encryption key file ${path}`);
}

async function createKeyFile(path: string): Promise<Buffer> {
  await mkdir(dirname(path), { recursive: true, mode: 0o700 });
  const key = randomBytes(ENCRYPTION_KEY_BYTES);
  try {
    // `wx`: when two processes start together, one creates the file and the other reads it.
    await writeFile(path, `${key.toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return readKeyFile(path);
    throw err;
  }
  await chmod(path, 0o600);
  return key;
}
