import { loadSync } from '@grpc/proto-loader';
import { PROTO_LOADER_OPTIONS, secretsSyncProtoPath } from './proto-location';
import { JsonObject, jsonToStruct, structToJson } from './struct';

const BODY: JsonObject = {
  region: 'eu-west-1',
  granularity: 'secret-key',
  allowed_ports: [443, 8200],
  custom_tags: { team: 'payments', empty: '' },
  disabled: false,
  zero: 0,
  cleared: null,
  nested: { list: [{ deep: true }, null, []] },
};

describe('Struct conversion', () => {
  const method = loadSync(secretsSyncProtoPath(), PROTO_LOADER_OPTIONS)['vaultsync.v1.SecretsSync'] as Record<
    string,
    { requestSerialize(value: object): Buffer; requestDeserialize(bytes: Buffer): { config: unknown } }
  >;
  const write = method['WriteDestination'];

  it('carries a JSON body through the wire unchanged', () => {
    const decoded = write.requestDeserialize(write.requestSerialize({ type: 'aws-sm', name: 'prod', config: jsonToStruct(BODY) }));
    expect(structToJson(decoded.config as never)).toEqual(BODY);
  });

  it('reads an unset Struct as an empty object', () => {
    const decoded = write.requestDeserialize(write.requestSerialize({ type: 'aws-sm', name: 'prod' }));
    expect(structToJson(decoded.config as never)).toEqual({});
    expect(structToJson(undefined)).toEqual({});
  });

  it('drops undefined properties, as JSON does', () => {
    expect(structToJson(jsonToStruct({ kept: 'x', dropped: undefined }))).toEqual({ kept: 'x' });
  });

  it('refuses values JSON cannot carry', () => {
    expect(() => jsonToStruct({ when: BigInt(1) })).toThrow('a bigint cannot be carried');
  });
});
