/** How node-vault rejects a non-2xx answer. */
export interface VaultFailure {
  message: string;
  response: { statusCode: number; body: { errors?: string[] } };
}

export async function failureOf(promise: Promise<unknown>): Promise<VaultFailure> {
  try {
    await promise;
  } catch (err) {
    if (typeof err === 'object' && err !== null && 'response' in err) return err as VaultFailure;
    throw err;
  }
  throw new Error('expected the request to fail');
}
