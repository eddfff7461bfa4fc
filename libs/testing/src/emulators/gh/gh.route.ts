import { EmulatorRequest, EmulatorResponse, RouteHandler } from '../core/router';
import { Access, admits, Caller, canManageOrganization, canSeeRepository } from './gh.auth';
import { errorResponse, GENERIC_DOCS_URL, GitHubApiError, notFound } from './gh.errors';
import { callerOf, GhContext, respond } from './gh.http';
import { EnvironmentRecord, OrganizationRecord, RepositoryRecord } from './gh.store';
import { apiRoot } from './gh.view';

/** One request as a handler sees it: who calls, and the API root for `url` fields. */
export interface GhCall {
  request: EmulatorRequest;
  context: GhContext;
  caller: Caller;
  root: string;
}

export type GhHandler = (call: GhCall) => EmulatorResponse;

/**
 * Wraps a handler: checks the route's access rule, turns a thrown {@link GitHubApiError} into GitHub's error body
 * pointing at the operation's documentation page (`docsPath` under docs.github.com/rest), and adds the usual headers.
 */
export function ghRoute(access: Access, docsPath: string, handler: GhHandler): RouteHandler<GhContext> {
  return (request, context) => {
    const caller = callerOf(context, request);
    const refused = admits(access, caller);
    if (refused) return respond(context, request, refused);
    try {
      return respond(context, request, handler({ request, context, caller, root: apiRoot(request) }));
    } catch (err) {
      if (!(err instanceof GitHubApiError)) throw err;
      return respond(context, request, errorResponse(err.status, err.message, `${GENERIC_DOCS_URL}/${docsPath}`));
    }
  };
}

export const ok = (body: unknown, headers: Record<string, string> = {}): EmulatorResponse => ({ status: 200, headers, body });
export const noContent = (): EmulatorResponse => ({ status: 204 });
/** A secret PUT answers 201 `{}` when it created the secret and 204 when it replaced one (spec §4.2). */
export const createdOrUpdated = (created: boolean): EmulatorResponse => (created ? { status: 201, body: {} } : noContent());

/** The `:owner/:repo` of the path, if the caller may see it; 404 otherwise, as GitHub hides private ones. */
export function repositoryOf({ request, context, caller }: GhCall): RepositoryRecord {
  const record = context.store.repository(request.params['owner'], request.params['repo']);
  if (!record || !canSeeRepository(caller, record)) throw notFound();
  return record;
}

export function environmentOf(call: GhCall): { repository: RepositoryRecord; environment: EnvironmentRecord } {
  const repository = repositoryOf(call);
  const environment = call.context.store.environment(repository, call.request.params['environment_name']);
  if (!environment) throw notFound();
  return { repository, environment };
}

export function organizationOf({ request, context, caller }: GhCall): OrganizationRecord {
  const org = context.store.organization(request.params['org']);
  if (!org || !canManageOrganization(caller, org)) throw notFound();
  return org;
}
