import { z } from 'zod';

/** The `auth` block of `auth/<approle>/login` and `auth/token/renew-self`; other fields are ignored. */
export const authResponseSchema = z.object({
  auth: z.object({
    client_token: z.string().min(1),
    lease_duration: z.number().int().min(0),
    renewable: z.boolean(),
  }),
});
