import { HttpException, HttpStatus, NotFoundException } from '@nestjs/common';
import { parseRequestInput } from '../http/request-input';
import { listQuerySchema, readQuerySchema } from './request-schemas';

const unsupportedOperation = () => new HttpException({ errors: ['unsupported operation'] }, HttpStatus.METHOD_NOT_ALLOWED);

/** A list-only path answers `LIST` (or `GET ?list=true`); a plain GET there is 405, as in Vault. */
export function requireListing(query: unknown): void {
  const { list } = parseRequestInput(listQuerySchema.partial(), query, 'query');
  if (list !== true) throw unsupportedOperation();
}

/** A read-only path: `LIST` there is 405. */
export function requireRead(query: unknown): void {
  if (parseRequestInput(readQuerySchema, query, 'query').list === true) throw unsupportedOperation();
}

/** Empty listings are 404 in Vault (spec §2). */
export function nonEmpty<T>(items: readonly T[]): void {
  if (items.length === 0) throw new NotFoundException();
}
