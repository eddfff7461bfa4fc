import { status } from '@grpc/grpc-js';
import { automatic, failureOf, secretManagerClient } from './gcp-sm.fixtures';
import { EMULATORS } from '../registry';
import { RunningGcpSmEmulator, startGcpSmEmulator } from '.';

describe('gcp-sm emulator: optional auth, known projects and missing permissions', () => {
  it('asks for no credentials by default: the insecure channel sends none (spec §3.1)', async () => {
    const emulator = await startGcpSmEmulator();
    const client = secretManagerClient(emulator);
    try {
      await client.createSecret({ parent: 'projects/any-project', secretId: 's', secret: { replication: automatic } });
      const [secrets] = await client.listSecrets({ parent: 'projects/any-project' });
      expect(secrets.map((secret) => secret.name)).toEqual(['projects/any-project/secrets/s']);
    } finally {
      await client.close();
      await emulator.close();
    }
  });

  it('with access tokens configured, wants one as a bearer token: UNAUTHENTICATED (16) otherwise', async () => {
    const emulator = await startGcpSmEmulator({ accessTokens: ['good-token'] });
    const client = secretManagerClient(emulator);
    const bearer = (token: string) => ({ otherArgs: { headers: { authorization: `Bearer ${token}` } } });
    try {
      const missing = await failureOf(client.listSecrets({ parent: 'projects/p1' }));
      expect(missing).toMatchObject({ code: status.UNAUTHENTICATED, reason: 'CREDENTIALS_MISSING', details: expect.stringContaining('missing required authentication credential') });
      const wrong = await failureOf(client.listSecrets({ parent: 'projects/p1' }, bearer('bad-token')));
      expect(wrong).toMatchObject({ code: status.UNAUTHENTICATED, details: expect.stringContaining('invalid authentication credentials') });
      await expect(client.listSecrets({ parent: 'projects/p1' }, bearer('good-token'))).resolves.toBeDefined();
    } finally {
      await client.close();
      await emulator.close();
    }
  });

  it('names resources by project number and denies unknown projects with PERMISSION_DENIED (7)', async () => {
    const emulator = await startGcpSmEmulator({ flags: { projects: 'p1:123456789' } });
    const client = secretManagerClient(emulator);
    try {
      const [created] = await client.createSecret({ parent: 'projects/p1', secretId: 's', secret: { replication: automatic } });
      expect(created.name).toBe('projects/123456789/secrets/s');
      const [byId] = await client.getSecret({ name: 'projects/p1/secrets/s' });
      expect(byId.name).toBe('projects/123456789/secrets/s');

      const unknown = await failureOf(client.createSecret({ parent: 'projects/p2', secretId: 's', secret: { replication: automatic } }));
      expect(unknown).toMatchObject({
        code: status.PERMISSION_DENIED,
        details: "Permission 'secretmanager.secrets.create' denied for resource 'projects/p2' (or it may not exist).",
        reason: 'IAM_PERMISSION_DENIED',
        errorInfoMetadata: { permission: 'secretmanager.secrets.create', resource: 'projects/p2' },
      });
    } finally {
      await client.close();
      await emulator.close();
    }
  });

  it('denies the permissions the caller is configured to lack', async () => {
    const emulator = await startGcpSmEmulator({ deniedPermissions: ['secretmanager.versions.access'] });
    const client = secretManagerClient(emulator);
    const version = 'projects/p1/secrets/s/versions/latest';
    try {
      await client.createSecret({ parent: 'projects/p1', secretId: 's', secret: { replication: automatic } });
      const denied = await failureOf(client.accessSecretVersion({ name: version }, { retry: null }));
      expect(denied).toMatchObject({ code: status.PERMISSION_DENIED, details: `Permission 'secretmanager.versions.access' denied for resource '${version}' (or it may not exist).` });
    } finally {
      await client.close();
      await emulator.close();
    }
  });

  it('starts from the CLI registry, with a standing per-minute limit from the flags', async () => {
    const emulator = (await EMULATORS['gcp-sm']({ flags: { 'requests-per-minute': '1' } })) as RunningGcpSmEmulator;
    const client = secretManagerClient(emulator);
    try {
      expect(emulator).toMatchObject({ kind: 'gcp-sm', url: `127.0.0.1:${emulator.port}` });
      await client.listSecrets({ parent: 'projects/p1' });
      await expect(failureOf(client.listSecrets({ parent: 'projects/p1' }))).resolves.toMatchObject({ code: status.RESOURCE_EXHAUSTED, reason: 'RATE_LIMIT_EXCEEDED' });
    } finally {
      await client.close();
      await emulator.close();
    }
  });
});
