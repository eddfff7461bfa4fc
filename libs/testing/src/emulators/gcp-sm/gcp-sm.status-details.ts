import { Metadata } from '@grpc/grpc-js';
import { GcpSmError } from './gcp-sm.errors';
import { statusType } from './gcp-sm.protos';

let status: ReturnType<typeof statusType> | undefined;

/**
 * Trailing metadata for a failure: a google.rpc.Status with the error's ErrorInfo in `grpc-status-details-bin`,
 * which gax decodes into the error's `reason`, `domain` and `errorInfoMetadata`.
 */
export function trailersFor(error: GcpSmError): Metadata {
  const metadata = new Metadata();
  if (!error.errorInfo) return metadata;
  status ??= statusType();
  // protobufjs packs an Any from its JSON form, `@type` naming the packed message.
  const details = [{ '@type': 'type.googleapis.com/google.rpc.ErrorInfo', ...error.errorInfo }];
  const encoded = status.encode(status.fromObject({ code: error.code, message: error.message, details })).finish();
  metadata.set('grpc-status-details-bin', Buffer.from(encoded));
  return metadata;
}
