import { z } from 'zod';

/** An integer in [min, max], sent as a JSON number or a string of digits (OpenAPI types some of these as strings). */
export function integerField(min: number, max: number) {
  const rule = `must be an integer from ${min} to ${max}`;
  return z.preprocess(
    (value) => (typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value),
    z.number({ error: rule }).int({ error: rule }).min(min, { error: rule }).max(max, { error: rule }),
  );
}
