import { ErrorCode, FailureClass } from '@vault-sync/domain';
import { z } from 'zod';
import { errorDetail, parseBody, vaultErrorFor } from './vault-error-mapping';

describe('vault error mapping', () => {
  it('reports a rejected request (other 4xx) as a non-retryable configuration problem', () => {
    const err = vaultErrorFor({ kind: 'answered', status: 400, body: { errors: ['invalid role or secret ID'] } }, 'POST auth/approle/login', []);
    expect(err).toMatchObject({ failureClass: FailureClass.InternalVault, code: ErrorCode.InvalidConfiguration, retryable: false, statusCode: 400 });
    expect(err.message).toBe('Vault rejected POST auth/approle/login (HTTP 400): invalid role or secret ID');
  });

  it('marks 501 as not retryable', () => {
    expect(vaultErrorFor({ kind: 'answered', status: 501, body: undefined }, 'GET x', []).retryable).toBe(false);
  });

  it('scrubs credentials we sent from Vault\'s messages and flattens Go multierror text', () => {
    const body = { errors: ['1 error occurred:\n\t* secret id s3cr3t-id is invalid for role r0le\n\n'] };
    expect(errorDetail(body, ['s3cr3t-id', 'r0le', ''])).toBe('1 error occurred: * secret id [redacted] is invalid for role [redacted]');
  });

  it('shortens long messages and ignores bodies that are not the error envelope', () => {
    expect(errorDetail({ errors: ['x'.repeat(400)] }, [])).toHaveLength(301);
    expect(errorDetail('<html>bad gateway</html>', [])).toBe('');
  });

  it('names the fields of an unexpected body, never their values', () => {
    const schema = z.object({ data: z.object({ keys: z.array(z.string()) }) });
    const parse = () => parseBody(schema, { data: { keys: 'p@ssw0rd' } }, 'GET secret/metadata/');
    expect(parse).toThrow('unexpected response from Vault for GET secret/metadata/ (fields: data.keys)');
    expect(parse).not.toThrow(/p@ssw0rd/);
  });
});
