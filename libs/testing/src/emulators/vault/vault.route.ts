import { VaultCall } from './vault.call';
import { VaultReply } from './vault.reply';

/** What a mount's engine says about one logical path, before the request is authorised and handled. */
export interface EngineRoute {
  /** A stable name for request counts and fault injection, e.g. `kv-v2/data`, `sys/mounts`. */
  kind: string;
  /** For POST/PUT: whether the target exists (`update`) or not (`create`); absent when the path has no check. */
  exists?: boolean;
  /** Root-protected paths need `sudo` besides the operation's capability. */
  sudo?: boolean;
  /** Paths Vault serves without the ACL check on the path itself; the handler does its own check. */
  skipsAcl?: boolean;
  handle(call: VaultCall): VaultReply | Promise<VaultReply>;
}

/** Splits `data/app/db` into the first segment and the rest. */
export function firstSegment(path: string): [string, string] {
  const slash = path.indexOf('/');
  return slash < 0 ? [path, ''] : [path.slice(0, slash), path.slice(slash + 1)];
}
