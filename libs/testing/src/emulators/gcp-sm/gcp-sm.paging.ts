import { invalidArgument } from './gcp-sm.errors';
import { LIMITS } from './gcp-sm.rules';

export interface PageRequest {
  pageSize?: number;
  pageToken?: string;
}

/** One page of `items`; the token is opaque to clients and carries the next offset. */
export function pageOf<T>(items: T[], { pageSize = 0, pageToken = '' }: PageRequest): { page: T[]; nextPageToken: string; totalSize: number } {
  if (pageSize < 0 || pageSize > LIMITS.pageSize) throw invalidArgument(`page_size must be between 0 and ${LIMITS.pageSize}; it is ${pageSize}.`);
  const offset = pageToken === '' ? 0 : offsetOf(pageToken);
  const end = offset + (pageSize || LIMITS.pageSize);
  return { page: items.slice(offset, end), nextPageToken: end < items.length ? Buffer.from(`offset:${end}`).toString('base64url') : '', totalSize: items.length };
}

function offsetOf(pageToken: string): number {
  const found = /^offset:(\d+)$/.exec(Buffer.from(pageToken, 'base64url').toString('utf8'));
  if (!found) throw invalidArgument(`Invalid page token [${pageToken}].`);
  return Number(found[1]);
}
