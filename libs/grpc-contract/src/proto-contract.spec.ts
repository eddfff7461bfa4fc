import { loadSync } from '@grpc/proto-loader';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import {
  AssociationRequest,
  DeleteDestinationRequest,
  ListDestinationsRequest,
  PatchDestinationRequest,
  SecretRef,
  SecretsSyncMethod,
  WriteDestinationRequest,
} from './messages';
import { PROTO_LOADER_OPTIONS, SECRETS_SYNC_PACKAGE, SECRETS_SYNC_PROTO_FILE, SECRETS_SYNC_SERVICE, findProtoDirectory, secretsSyncProtoPath } from './proto-location';

const REPO_ROOT = resolve(__dirname, '../../..');
const PROTO_DIRECTORY = join(REPO_ROOT, 'libs/grpc-contract/proto');

interface LoadedMethod {
  requestDeserialize(bytes: Buffer): Record<string, unknown>;
  responseDeserialize(bytes: Buffer): Record<string, unknown>;
}

describe('proto location', () => {
  it('finds the repository proto directory from the TypeScript sources', () => {
    expect(findProtoDirectory(join(REPO_ROOT, 'libs/grpc-contract/src'))).toBe(PROTO_DIRECTORY);
  });

  it('finds it from the compiled output under dist/, which holds no .proto files', () => {
    expect(findProtoDirectory(join(REPO_ROOT, 'dist/libs/grpc-contract/src'))).toBe(PROTO_DIRECTORY);
  });

  it('gives the absolute path of the service file from where this module runs', () => {
    expect(secretsSyncProtoPath()).toBe(join(PROTO_DIRECTORY, SECRETS_SYNC_PROTO_FILE));
  });

  it('says what it looked for when there is no proto directory above', () => {
    const elsewhere = mkdtempSync(join(tmpdir(), 'grpc-contract-'));
    try {
      expect(() => findProtoDirectory(elsewhere)).toThrow(`cannot find libs/grpc-contract/proto/${SECRETS_SYNC_PROTO_FILE} above ${elsewhere}`);
    } finally {
      rmSync(elsewhere, { recursive: true });
    }
  });
});

describe('the .proto and the TypeScript contract', () => {
  const definition = loadSync(secretsSyncProtoPath(), PROTO_LOADER_OPTIONS);
  const service = definition[`${SECRETS_SYNC_PACKAGE}.${SECRETS_SYNC_SERVICE}`] as unknown as Record<string, LoadedMethod>;

  /** A request sent empty decodes with every field at its default, which lists the message's fields. */
  function requestFields(method: SecretsSyncMethod): string[] {
    return Object.keys(service[method].requestDeserialize(Buffer.alloc(0))).sort();
  }

  it('declares exactly the methods of SecretsSyncMethod', () => {
    expect(Object.keys(service).sort()).toEqual(Object.values(SecretsSyncMethod).sort());
  });

  it.each<[SecretsSyncMethod, string[]]>([
    ['WriteDestination', ['config', 'name', 'type'] satisfies (keyof WriteDestinationRequest)[]],
    ['PatchDestination', ['name', 'patch', 'type'] satisfies (keyof PatchDestinationRequest)[]],
    ['ListDestinations', ['type'] satisfies (keyof ListDestinationsRequest)[]],
    ['DeleteDestination', ['force_delete', 'name', 'purge', 'type'] satisfies (keyof DeleteDestinationRequest)[]],
    ['SetAssociation', ['mount', 'name', 'secret_name', 'type'] satisfies (keyof AssociationRequest)[]],
    ['GetSecretDestinations', ['mount', 'secret_name'] satisfies (keyof SecretRef)[]],
    ['PatchConfig', []],
  ])('%s requests carry the fields of their TypeScript type', (method, fields) => {
    expect(requestFields(method)).toEqual(fields);
  });
});
