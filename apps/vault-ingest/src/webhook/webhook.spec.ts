import { describeWebhookIssues, webhookRequestSchema } from './webhook-request.schema';
import { WebhookToken } from './webhook-token';

describe('WebhookToken', () => {
  const token = new WebhookToken('a-long-enough-webhook-token');

  it('accepts exactly the configured bearer token', () => {
    expect(token.accepts('Bearer a-long-enough-webhook-token')).toBe(true);
    expect(token.accepts('bearer a-long-enough-webhook-token')).toBe(true);
  });

  it.each([undefined, '', 'Bearer', 'Bearer ', 'a-long-enough-webhook-token', 'Bearer a-long-enough-webhook-tokeN', 'Bearer a-long-enough-webhook-token2', 'Basic a-long-enough-webhook-token'])(
    'refuses %p',
    (authorization) => {
      expect(token.accepts(authorization)).toBe(false);
    },
  );
});

describe('webhook request body', () => {
  it('takes a mount and a secret path, ignoring slashes at their ends, and an optional version', () => {
    expect(webhookRequestSchema.parse({ mount: '/team/kv/', path: 'app/db/', version: 3 })).toEqual({ mount: 'team/kv', path: 'app/db', version: 3 });
    expect(webhookRequestSchema.parse({ mount: 'secret', path: 'x' })).toEqual({ mount: 'secret', path: 'x' });
  });

  it.each([
    [{}, ['mount: Invalid input: expected string, received undefined', 'path: Invalid input: expected string, received undefined']],
    [{ mount: '/', path: 'x' }, ['mount: must name a mount']],
    [{ mount: 'secret', path: 'x', version: 0 }, ['version: Too small: expected number to be >0']],
    [{ mount: 'secret', path: 'x', value: 'hunter2' }, ['body: Unrecognized key: "value"']],
  ])('refuses %j naming the field, never the input', (body, messages) => {
    const parsed = webhookRequestSchema.safeParse(body);
    expect(parsed.success).toBe(false);
    const issues = describeWebhookIssues(parsed.error?.issues ?? []);
    expect(issues).toEqual(messages);
    expect(issues.join(' ')).not.toContain('hunter2');
  });
});
