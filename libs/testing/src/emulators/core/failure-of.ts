/** For tests: the error a call rejects with, typed as the SDK's error shape; fails when the call succeeds. */
export async function failureOf<E>(call: Promise<unknown>): Promise<E> {
  try {
    await call;
  } catch (error) {
    return error as E;
  }
  throw new Error('expected the call to fail');
}
