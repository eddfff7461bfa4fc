import { EmulatorRequest, EmulatorResponse } from '../core/router';
import { notAuthorized } from './vercel-project.errors';
import { VercelProjectStore } from './vercel-project.store';
import { Caller } from './vercel-project.types';

/** Who is calling and for which team (`undefined`: their personal account). */
export interface CallScope {
  caller: Caller;
  teamId: string | undefined;
}

function bearerToken(request: EmulatorRequest): string | undefined {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(request.headers['authorization'] ?? '');
  return match?.[1];
}

/** A missing or unknown token is 403 `forbidden` "Not authorized" (spec §5.3). */
export function authenticate(store: VercelProjectStore, request: EmulatorRequest): EmulatorResponse | undefined {
  const token = bearerToken(request);
  return token !== undefined && store.callerFor(token) ? undefined : notAuthorized();
}

/** Resolves `?teamId=` (or else `?slug=`); a team the token does not belong to is 403. */
export function callScope(store: VercelProjectStore, request: EmulatorRequest): CallScope | EmulatorResponse {
  const caller = store.callerFor(bearerToken(request) ?? '');
  if (!caller) return notAuthorized();
  const teamIdParam = request.query.get('teamId');
  const slug = request.query.get('slug');
  if (teamIdParam === null && slug === null) return { caller, teamId: undefined };
  const teamId = teamIdParam ?? store.teamIdForSlug(slug ?? '');
  if (teamId === undefined || !caller.teamIds.includes(teamId)) return notAuthorized();
  return { caller, teamId };
}
