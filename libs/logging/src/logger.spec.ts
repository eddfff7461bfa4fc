import { Writable } from 'node:stream';
import { CENSOR, createLogger } from './logger';
import { NestPinoLogger } from './nest-logger';

function capture() {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
      callback();
    },
  });
  return { lines, destination: destination as unknown as NodeJS.WritableStream & { write(msg: string): boolean } };
}

const TOKEN = 'hvs.CAESIJ-not-a-real-token-9f8e7d';

describe('createLogger', () => {
  it('never writes a token or secret value, at any depth', () => {
    const out = capture();
    const logger = createLogger({ service: 'test', level: 'info', destination: out.destination });
    logger.info({ token: TOKEN }, 'top level');
    logger.info({ req: { headers: { 'x-vault-token': TOKEN, authorization: `Bearer ${TOKEN}` } } }, 'headers');
    logger.info({ destination: { credentials: { access_token: TOKEN } } }, 'nested');
    logger.info({ job: { data: { value: TOKEN } } }, 'job');
    logger.info({ a: { b: { c: { password: TOKEN } } } }, 'deep');
    expect(out.lines).toHaveLength(5);
    for (const line of out.lines) expect(line).not.toContain(TOKEN);
    expect(out.lines.join('\n')).toContain(CENSOR);
  });

  it('keeps ordinary fields and names the service', () => {
    const out = capture();
    const logger = createLogger({ service: 'api-gateway', level: 'info', destination: out.destination });
    logger.info({ associationId: 'gh/ci/kv_1/app' }, 'synced');
    const entry = JSON.parse(out.lines[0]);
    expect(entry).toMatchObject({ service: 'api-gateway', associationId: 'gh/ci/kv_1/app', msg: 'synced', level: 30 });
  });

  it('respects the level', () => {
    const out = capture();
    const logger = createLogger({ service: 's', level: 'warn', destination: out.destination });
    logger.info('hidden');
    logger.warn('shown');
    expect(out.lines.map((line) => JSON.parse(line).msg)).toEqual(['shown']);
  });
});

describe('NestPinoLogger', () => {
  it('forwards framework messages with their context', () => {
    const out = capture();
    const nest = new NestPinoLogger(createLogger({ service: 's', level: 'info', destination: out.destination }));
    nest.log('started', 'Bootstrap');
    nest.error('boom', 'stack', 'Router');
    expect(out.lines.map((line) => JSON.parse(line))).toEqual([
      expect.objectContaining({ msg: 'started', context: 'Bootstrap', level: 30 }),
      expect.objectContaining({ msg: 'boom', context: 'Router', trace: 'stack', level: 50 }),
    ]);
  });
});
