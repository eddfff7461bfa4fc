import { createHash } from 'node:crypto';
import { readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { FilePosition } from '@vault-sync/change-capture';
import { z } from 'zod';

const positionSchema = z.strictObject({ inode: z.number().int().nonnegative(), offset: z.number().int().nonnegative() });

/**
 * The audit file tail's position, kept in the data folder so a restart resumes where it stopped (spec
 * vault-change-capture §1.6) instead of at the end. One file per audit log path; written by rename, so a crash
 * mid-write leaves the previous position.
 */
export class FilePositionStore {
  private readonly file: string;

  constructor(dataDir: string, auditLogPath: string) {
    const id = createHash('sha256').update(auditLogPath).digest('hex').slice(0, 16);
    this.file = join(dataDir, `audit-file-${id}.position.json`);
  }

  /** The saved position, or `undefined` when there is none (or it is unreadable: then the tail starts at the end). */
  async load(): Promise<FilePosition | undefined> {
    try {
      return positionSchema.parse(JSON.parse(await readFile(this.file, 'utf8')));
    } catch {
      return undefined;
    }
  }

  async save(position: FilePosition): Promise<void> {
    const temporary = `${this.file}.${process.pid}.tmp`;
    await writeFile(temporary, JSON.stringify(position), { mode: 0o600 });
    await rename(temporary, this.file);
  }
}
