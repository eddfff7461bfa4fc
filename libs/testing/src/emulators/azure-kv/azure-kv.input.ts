import { EmulatorRequest, jsonBody } from '../core/router';
import { badParameter } from './azure-kv.errors';
import { MAX_CONTENT_TYPE_LENGTH, MAX_TAGS, MAX_VALUE_BYTES } from './azure-kv.names';
import { SecretPropertiesUpdate, SecretWrite } from './azure-kv.types';

type Json = Record<string, unknown>;

function objectBody(request: EmulatorRequest): Json {
  const body = jsonBody<unknown>(request);
  if (body === null || typeof body !== 'object' || Array.isArray(body)) throw badParameter('The request body is missing or is not a valid JSON object.');
  return body as Json;
}

function optionalString(body: Json, member: string, maxLength?: number): string | undefined {
  const value = body[member];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw badParameter(`Property '${member}' must be a string.`);
  if (maxLength !== undefined && value.length > maxLength) throw badParameter(`Property '${member}' is longer than ${maxLength} characters.`);
  return value;
}

function tagsOf(body: Json): Record<string, string> | undefined {
  const tags = body['tags'];
  if (tags === undefined || tags === null) return undefined;
  if (typeof tags !== 'object' || Array.isArray(tags)) throw badParameter("Property 'tags' must be an object of strings.");
  const entries = Object.entries(tags as Json);
  if (entries.some(([, value]) => typeof value !== 'string')) throw badParameter("Property 'tags' must be an object of strings.");
  if (entries.length > MAX_TAGS) throw badParameter(`The number of tags (${entries.length}) exceeds the maximum of ${MAX_TAGS}.`);
  return Object.fromEntries(entries) as Record<string, string>;
}

function attributesOf(body: Json): Pick<SecretWrite, 'enabled' | 'nbf' | 'exp'> {
  const attributes = body['attributes'];
  if (attributes === undefined || attributes === null) return {};
  if (typeof attributes !== 'object' || Array.isArray(attributes)) throw badParameter("Property 'attributes' must be an object.");
  const { enabled, nbf, exp } = attributes as Json;
  if (enabled !== undefined && enabled !== null && typeof enabled !== 'boolean') throw badParameter("Attribute 'enabled' must be a boolean.");
  for (const [member, value] of [['nbf', nbf], ['exp', exp]] as const) {
    if (value !== undefined && value !== null && !Number.isInteger(value)) throw badParameter(`Attribute '${member}' must be a Unix time in seconds.`);
  }
  return { enabled: (enabled ?? undefined) as boolean | undefined, nbf: (nbf ?? undefined) as number | undefined, exp: (exp ?? undefined) as number | undefined };
}

/** PUT /secrets/{name} body (spec §2.1): `{value, tags?, contentType?, attributes?}`. */
export function secretWriteOf(request: EmulatorRequest): SecretWrite {
  const body = objectBody(request);
  const value = body['value'];
  if (typeof value !== 'string') throw badParameter("Property 'value' is required and must be a string.");
  if (Buffer.byteLength(value, 'utf8') > MAX_VALUE_BYTES) throw badParameter(`The secret value exceeds the maximum size of ${MAX_VALUE_BYTES} bytes.`);
  return { value, contentType: optionalString(body, 'contentType', MAX_CONTENT_TYPE_LENGTH), tags: tagsOf(body), ...attributesOf(body) };
}

/** PATCH /secrets/{name}/{version} body (spec §2.1): `{contentType?, attributes?, tags?}`. */
export function propertiesUpdateOf(request: EmulatorRequest): SecretPropertiesUpdate {
  const body = objectBody(request);
  return { contentType: optionalString(body, 'contentType', MAX_CONTENT_TYPE_LENGTH), tags: tagsOf(body), ...attributesOf(body) };
}
