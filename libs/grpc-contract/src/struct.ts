/**
 * `google.protobuf.Struct` as `@grpc/proto-loader` presents it, and its conversion to and from plain JSON. The
 * destination configuration travels as a Struct so that it carries exactly the HTTP JSON body, and the same
 * per-type validation applies to both APIs.
 */
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

export interface StructMessage {
  fields?: Record<string, ValueMessage>;
}

export interface ListValueMessage {
  values?: ValueMessage[];
}

/** Exactly one member is set; decoded messages also name it in `kind`. */
export interface ValueMessage {
  nullValue?: 'NULL_VALUE' | 0;
  numberValue?: number;
  stringValue?: string;
  boolValue?: boolean;
  structValue?: StructMessage;
  listValue?: ListValueMessage;
  kind?: string;
}

/** A missing Struct (an unset message field) is an empty object. */
export function structToJson(struct: StructMessage | null | undefined): JsonObject {
  return Object.fromEntries(Object.entries(struct?.fields ?? {}).map(([key, value]) => [key, valueToJson(value)]));
}

export function jsonToStruct(object: Readonly<Record<string, unknown>>): StructMessage {
  return { fields: Object.fromEntries(Object.entries(object).flatMap(([key, value]) => (value === undefined ? [] : [[key, jsonToValue(value)]]))) };
}

/** A Value with no member set (a sender that left it empty) reads as null, as in protobuf's JSON mapping. */
function valueToJson(value: ValueMessage): JsonValue {
  if (value.structValue != null) return structToJson(value.structValue);
  if (value.listValue != null) return (value.listValue.values ?? []).map(valueToJson);
  if (value.stringValue != null) return value.stringValue;
  if (value.numberValue != null) return value.numberValue;
  if (value.boolValue != null) return value.boolValue;
  return null;
}

function jsonToValue(value: unknown): ValueMessage {
  if (value === null) return { nullValue: 'NULL_VALUE' };
  if (Array.isArray(value)) return { listValue: { values: value.map((item: unknown) => (item === undefined ? { nullValue: 'NULL_VALUE' } : jsonToValue(item))) } };
  switch (typeof value) {
    case 'string':
      return { stringValue: value };
    case 'number':
      return { numberValue: value };
    case 'boolean':
      return { boolValue: value };
    case 'object':
      return { structValue: jsonToStruct(value as Record<string, unknown>) };
    default:
      throw new TypeError(`a ${typeof value} cannot be carried in a google.protobuf.Value`);
  }
}
