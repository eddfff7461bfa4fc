/** Where the client's own Vault token comes from. */
export interface AuthSource {
  token(): Promise<string>;
  /** Stops background renewal. */
  close(): void;
}

/** A token given in configuration (`VAULT_TOKEN`); renewing it is the operator's business. */
export class StaticTokenAuth implements AuthSource {
  constructor(private readonly value: string) {}

  token(): Promise<string> {
    return Promise.resolve(this.value);
  }

  close(): void {
    // nothing scheduled
  }
}
