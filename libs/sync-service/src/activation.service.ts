import { ClientSideError, ErrorCode } from '@vault-sync/domain';
import { ActivationFlagRepository } from '@vault-sync/store';

export const SECRETS_SYNC_FLAG = 'secrets-sync';
export const ACTIVATE_PATH = `sys/activation-flags/${SECRETS_SYNC_FLAG}/activate`;

/** `GET sys/activation-flags` (spec §3.9). */
export interface ActivationFlagsView {
  activated: string[];
  unactivated: string[];
}

export class FeatureNotActivatedError extends ClientSideError {
  constructor() {
    super(ErrorCode.FeatureNotActivated, `secrets sync is not activated: activate it once with PUT or POST ${ACTIVATE_PATH}`);
  }
}

/**
 * The `secrets-sync` activation flag. With `required` false (the default, spec §3.9 [I]) the feature ships
 * activated; otherwise it is activated once, for good, in the store.
 */
export class ActivationService {
  constructor(
    private readonly flags: Pick<ActivationFlagRepository, 'activated' | 'activate'>,
    private readonly options: { required: boolean },
  ) {}

  async view(): Promise<ActivationFlagsView> {
    const active = await this.isActive();
    return { activated: active ? [SECRETS_SYNC_FLAG] : [], unactivated: active ? [] : [SECRETS_SYNC_FLAG] };
  }

  /** Idempotent and irreversible. */
  async activate(): Promise<ActivationFlagsView> {
    await this.flags.activate(SECRETS_SYNC_FLAG);
    return this.view();
  }

  /** @throws FeatureNotActivatedError (400) */
  async requireActive(): Promise<void> {
    if (!(await this.isActive())) throw new FeatureNotActivatedError();
  }

  private async isActive(): Promise<boolean> {
    return !this.options.required || (await this.flags.activated()).includes(SECRETS_SYNC_FLAG);
  }
}
