export { type ExternalSecretPayload } from './external-secret-payload';
export { type SecretToExpand, expandSecret } from './expand-secret';
export { type JsonValue, type KvData, encodeKeyValue, encodeSecretData } from './secret-data';
export { VALUE_SIZE_LIMITS, type ValueSizeLimit } from './value-size-limits';
