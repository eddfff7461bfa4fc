import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { envSchema } from '../../libs/config/src/env.schema';

const ROOT = join(__dirname, '../..');

interface ComposeService {
  command?: string[];
  image?: string;
  environment?: Record<string, string>;
  depends_on?: Record<string, { condition: string }>;
  volumes?: string[];
}

async function services(): Promise<Record<string, ComposeService>> {
  // Resolve anchors and merge keys the way compose does, through docker-compose itself when it is there.
  const text = execFileSync('docker-compose', ['config'], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, SYNC_STATIC_TOKENS: 't' } });
  return (parse(text) as { services: Record<string, ComposeService> }).services;
}

async function serviceManifest(): Promise<{ name: string; main: string }[]> {
  return JSON.parse(readFileSync(join(ROOT, 'tools/scripts/services.json'), 'utf8')) as { name: string; main: string }[];
}

describe('docker-compose.yml', () => {
  it('is accepted by `docker-compose config`', () => {
    expect(() => execFileSync('docker-compose', ['config', '-q'], { cwd: ROOT, stdio: 'pipe' })).not.toThrow();
  });

  it('declares exactly the services npm start runs, each running its compiled entry point against the redis service', async () => {
    const declared = await services();
    const manifest = await serviceManifest();
    expect(Object.keys(declared).sort()).toEqual(['redis', ...manifest.map((s) => s.name)].sort());
    for (const service of manifest) {
      const compose = declared[service.name];
      expect(compose.command).toEqual(['node', '-r', './tools/runtime/register-paths.cjs', service.main]);
      expect(compose.environment?.['REDIS_URL']).toBe('redis://redis:6379');
      expect(compose.environment?.['SYNC_SERVICE_NAME']).toBe(service.name);
      expect(compose.depends_on?.['redis']?.condition).toBe('service_healthy');
      expect(compose.volumes?.some((v) => v.endsWith(':/data') || v.includes(':/data:'))).toBe(true);
    }
  });

  it('passes services only variables the configuration schema (or, for AWS, the AWS SDK) knows', async () => {
    const known = new Set([...Object.keys(envSchema.shape), 'SYNC_SERVICE_NAME']);
    const readBySdk = ['AWS_REGION', 'AWS_ENDPOINT_URL', 'AWS_ENDPOINT_URL_SECRETS_MANAGER', 'AWS_ENDPOINT_URL_STS'];
    for (const [name, service] of Object.entries(await services())) {
      if (name === 'redis') continue;
      const allowed = name === 'worker-aws-sm' ? new Set([...known, ...readBySdk]) : known;
      for (const variable of Object.keys(service.environment ?? {})) expect(allowed).toContain(variable);
    }
  });

  it('runs Redis with persistence and without eviction, as BullMQ requires', async () => {
    const redis = (await services())['redis'];
    expect(redis.command).toEqual(expect.arrayContaining(['--appendonly', 'yes', '--maxmemory-policy', 'noeviction']));
  });

  it('builds the image from a Dockerfile that compiles the same tsconfig the native start uses', () => {
    const dockerfile = readFileSync(join(ROOT, 'Dockerfile'), 'utf8');
    expect(dockerfile).toMatch(/npm ci/);
    expect(dockerfile).toMatch(/tsc -p tsconfig\.build\.json/);
  });
});
