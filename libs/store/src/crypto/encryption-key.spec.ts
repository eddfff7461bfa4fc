import { randomBytes } from 'node:crypto';
import { chmod, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EncryptionKeyError } from '../errors';
import { loadEncryptionKey } from './encryption-key';

describe('loadEncryptionKey', () => {
  let dir: string;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'vsync-key-'));
  });

  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('uses a valid base64 key and ignores the key file', async () => {
    const key = randomBytes(32);
    const keyFile = join(dir, 'never-created.key');
    expect(await loadEncryptionKey({ base64Key: key.toString('base64'), keyFile })).toEqual(key);
    await expect(stat(keyFile)).rejects.toThrow(/ENOENT/);
  });

  it.each([
    ['too short', randomBytes(16).toString('base64')],
    ['too long', randomBytes(33).toString('base64')],
    ['not base64', '!'.repeat(44)],
  ])('refuses a base64 key that is %s, naming SYNC_ENCRYPTION_KEY but not echoing it', async (_case, base64Key) => {
    const attempt = loadEncryptionKey({ base64Key, keyFile: join(dir, 'k') });
    await expect(attempt).rejects.toThrow(EncryptionKeyError);
    await expect(loadEncryptionKey({ base64Key, keyFile: join(dir, 'k') })).rejects.toThrow(
      /^SYNC_ENCRYPTION_KEY must be 32 bytes, base64-encoded/,
    );
    const message = await loadEncryptionKey({ base64Key, keyFile: join(dir, 'k') }).catch((err: Error) => err.message);
    expect(message).not.toContain(base64Key);
  });

  it('generates the key file with mode 0600, creating its directory, and reads the same key back', async () => {
    const keyFile = join(dir, 'nested', 'data', 'encryption.key');
    const key = await loadEncryptionKey({ keyFile });
    expect(key).toHaveLength(32);
    expect((await stat(keyFile)).mode & 0o777).toBe(0o600);
    expect(Buffer.from((await readFile(keyFile, 'utf8')).trim(), 'base64')).toEqual(key);
    expect(await loadEncryptionKey({ keyFile })).toEqual(key);
    expect(await loadEncryptionKey({ base64Key: '', keyFile })).toEqual(key);
  });

  it('gives two processes starting together the same key', async () => {
    const keyFile = join(dir, 'race.key');
    const [a, b] = await Promise.all([loadEncryptionKey({ keyFile }), loadEncryptionKey({ keyFile })]);
    expect(a).toEqual(b);
  });

  it('refuses a key file that group or others can read', async () => {
    const keyFile = join(dir, 'open.key');
    await writeFile(keyFile, randomBytes(32).toString('base64'));
    await chmod(keyFile, 0o644);
    await expect(loadEncryptionKey({ keyFile })).rejects.toThrow(/accessible by group or others \(mode 644\); run: chmod 600/);
  });

  it('refuses a key file with the wrong length', async () => {
    const keyFile = join(dir, 'short.key');
    await writeFile(keyFile, randomBytes(8).toString('base64'), { mode: 0o600 });
    await expect(loadEncryptionKey({ keyFile })).rejects.toThrow(/short\.key must be 32 bytes/);
  });
});
