import { randomUUID } from 'node:crypto';

/** Vault's success envelope (spec §2), around an endpoint's `data`. */
export interface VaultResponse<T> {
  request_id: string;
  lease_id: '';
  renewable: false;
  lease_duration: 0;
  data: T;
  wrap_info: null;
  warnings: null;
  auth: null;
  mount_type: 'system';
}

export function vaultResponse<T>(data: T): VaultResponse<T> {
  return {
    request_id: randomUUID(),
    lease_id: '',
    renewable: false,
    lease_duration: 0,
    data,
    wrap_info: null,
    warnings: null,
    auth: null,
    mount_type: 'system',
  };
}
