import { createHash } from 'node:crypto';
import { Redis } from 'ioredis';

/** A precondition checked inside the script before any command runs. */
export type Guard =
  /** HGET key field equals `equals`; `null` means the field (or the whole key) is absent. */
  | { key: string; field: string; equals: string | null }
  | { key: string; exists: boolean };

/** One write command; its first argument is the key it touches. */
export type WriteCommand = [command: string, key: string, ...args: (string | number)[]];

export interface AtomicWrite {
  guards: Guard[];
  commands: WriteCommand[];
}

/*
 * Compare-and-write, the server-side equivalent of WATCH/MULTI/EXEC: every guard is checked, then every command
 * runs, in one atomic script. Unlike WATCH it keeps no per-connection state, so it is safe on a client shared by
 * concurrent callers (ioredis multiplexes them over one socket, where one caller's EXEC would drop another's
 * WATCH). Keys are passed in KEYS and referenced by index, as Redis Cluster requires.
 */
const COMPARE_AND_WRITE = `
local guards = cjson.decode(ARGV[1])
for i, g in ipairs(guards) do
  local ok
  if g[2] == 'exists' then
    ok = redis.call('EXISTS', KEYS[g[1]]) == g[3]
  else
    local actual = redis.call('HGET', KEYS[g[1]], g[3])
    if g[4] == cjson.null then ok = (actual == false) else ok = (actual == g[4]) end
  end
  if not ok then return i end
end
for _, c in ipairs(cjson.decode(ARGV[2])) do
  redis.call(c[1], KEYS[c[2]], unpack(c, 3))
end
return 0
`;
const COMPARE_AND_WRITE_SHA = createHash('sha1').update(COMPARE_AND_WRITE).digest('hex');

/** Runs the write atomically; `false` when a guard failed and nothing was written. */
export async function executeAtomicWrite(redis: Redis, write: AtomicWrite): Promise<boolean> {
  const keys: string[] = [];
  const keyIndex = (key: string): number => {
    const found = keys.indexOf(key);
    return found >= 0 ? found + 1 : keys.push(key);
  };
  const guards = write.guards.map((guard) =>
    'exists' in guard ? [keyIndex(guard.key), 'exists', guard.exists ? 1 : 0] : [keyIndex(guard.key), 'field', guard.field, guard.equals],
  );
  const commands = write.commands.map(([command, key, ...args]) => [command, keyIndex(key), ...args.map(String)]);
  const argv = [JSON.stringify(guards), JSON.stringify(commands)];
  let failedGuard: unknown;
  try {
    failedGuard = await redis.evalsha(COMPARE_AND_WRITE_SHA, keys.length, ...keys, ...argv);
  } catch (err) {
    if (!(err instanceof Error && err.message.startsWith('NOSCRIPT'))) throw err;
    failedGuard = await redis.eval(COMPARE_AND_WRITE, keys.length, ...keys, ...argv);
  }
  return failedGuard === 0;
}
