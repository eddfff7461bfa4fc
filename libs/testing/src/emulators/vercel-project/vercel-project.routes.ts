import { EmulatorRequest, EmulatorResponse, jsonBody, Router } from '../core/router';
import { callScope } from './vercel-project.auth';
import { badRequest, envNotFound, errorResponse, projectNotFound, VercelErrorBody } from './vercel-project.errors';
import { applyEdit, parseCreateEntry } from './vercel-project.rules';
import { VercelProjectStore } from './vercel-project.store';
import { Caller, EnvFields, EnvRecord, Project } from './vercel-project.types';
import { renderEnv } from './vercel-project.view';

interface ProjectCall {
  caller: Caller;
  project: Project;
}

type ProjectHandler = (request: EmulatorRequest, call: ProjectCall, store: VercelProjectStore) => EmulatorResponse;

/** Resolves token, team scope and project before the handler runs; a project outside the scope is 404. */
function inProject(handler: ProjectHandler) {
  return (request: EmulatorRequest, store: VercelProjectStore): EmulatorResponse => {
    const scope = callScope(store, request);
    if ('status' in scope) return scope;
    const project = store.findProject(request.params['idOrName'], scope.teamId);
    if (!project) return projectNotFound(request.params['idOrName']);
    return handler(request, { caller: scope.caller, project }, store);
  };
}

/** Same, plus the env record named by `:id`. */
function inEnv(handler: (request: EmulatorRequest, call: ProjectCall & { env: EnvRecord }, store: VercelProjectStore) => EmulatorResponse) {
  return inProject((request, call, store) => {
    const env = store.findEnv(call.project.id, request.params['id']);
    return env ? handler(request, { ...call, env }, store) : envNotFound(request.params['id']);
  });
}

function fieldsOf({ key, value, type, comment, target, gitBranch, customEnvironmentIds }: EnvRecord): EnvFields {
  return { key, value, type, comment, target, gitBranch, customEnvironmentIds };
}

/**
 * Each entry is created on its own: failures are listed in `failed` next to the `created` ones under 201
 * (spec §5.1). Only when nothing was created does the request fail, with the first entry's error.
 */
const createEnvs: ProjectHandler = (request, { caller, project }, store) => {
  const body = jsonBody<unknown>(request);
  if (typeof body !== 'object' || body === null || (Array.isArray(body) && body.length === 0)) {
    return badRequest('The request body must be an Environment Variable object or a non-empty array of them');
  }
  const upsert = request.query.get('upsert') === 'true';
  const created: ReturnType<typeof renderEnv>[] = [];
  const failed: { error: VercelErrorBody }[] = [];
  for (const entry of Array.isArray(body) ? body : [body]) {
    const parsed = parseCreateEntry(entry);
    const outcome = 'error' in parsed ? parsed : store.create(project.id, parsed.ok, upsert, caller);
    if ('error' in outcome) failed.push({ error: outcome.error });
    else created.push(renderEnv(outcome.ok.record, 'sealed'));
  }
  if (created.length === 0) return errorResponse(400, failed[0].error);
  return { status: 201, body: { created: Array.isArray(body) ? created : created[0], failed } };
};

/** `decrypt=true` (deprecated, spec §5.1) shows encrypted values in clear; `gitBranch` matches exactly. */
const listEnvs: ProjectHandler = (request, { project }, store) => {
  const gitBranch = request.query.get('gitBranch');
  const customEnvironmentId = request.query.get('customEnvironmentId');
  const disclosure = request.query.get('decrypt') === 'true' ? 'decrypted' : 'sealed';
  const envs = store
    .envsOf(project.id)
    .filter((env) => gitBranch === null || env.gitBranch === gitBranch)
    .filter((env) => customEnvironmentId === null || env.customEnvironmentIds.includes(customEnvironmentId));
  return { status: 200, body: { envs: envs.map((env) => renderEnv(env, disclosure)) } };
};

const removeEnvs: ProjectHandler = (request, { project }, store) => {
  const ids = jsonBody<{ ids?: unknown }>(request)?.ids;
  if (!Array.isArray(ids) || ids.length === 0 || !ids.every((id) => typeof id === 'string')) {
    return badRequest('`ids` must be a non-empty array of Environment Variable ids');
  }
  const removed = ids.flatMap((id: string) => store.findEnv(project.id, id) ?? []);
  removed.forEach((env) => store.remove(env));
  return { status: 200, body: { deleted: removed.length, ids: removed.map((env) => env.id) } };
};

/** The env-var endpoints, at the API versions the spec gives (§5.1); operation names follow `@vercel/sdk`. */
export function vercelProjectRouter(): Router<VercelProjectStore> {
  return new Router<VercelProjectStore>()
    .add('POST', '/v10/projects/:idOrName/env', 'createProjectEnv', inProject(createEnvs))
    .add('GET', '/v10/projects/:idOrName/env', 'filterProjectEnvs', inProject(listEnvs))
    .add('DELETE', '/v1/projects/:idOrName/env', 'batchRemoveProjectEnv', inProject(removeEnvs))
    .add('GET', '/v1/projects/:idOrName/env/:id', 'getProjectEnv', inEnv((_request, { env }) => ({ status: 200, body: renderEnv(env, 'decrypted') })))
    .add(
      'PATCH',
      '/v9/projects/:idOrName/env/:id',
      'editProjectEnv',
      inEnv((request, { caller, env }, store) => {
        const edited = applyEdit(fieldsOf(env), jsonBody<unknown>(request));
        const outcome = 'error' in edited ? edited : store.edit(env, edited.ok, caller);
        return 'error' in outcome ? errorResponse(400, outcome.error) : { status: 200, body: renderEnv(outcome.ok, 'sealed') };
      }),
    )
    .add(
      'DELETE',
      '/v9/projects/:idOrName/env/:id',
      'removeProjectEnv',
      inEnv((_request, { env }, store) => {
        store.remove(env);
        return { status: 200, body: renderEnv(env, 'sealed') };
      }),
    );
}
