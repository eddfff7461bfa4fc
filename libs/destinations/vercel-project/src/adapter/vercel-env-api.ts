import { z } from 'zod';
import { VERCEL_DEPLOYMENT_ENVIRONMENTS } from '../vercel-project.constants';
import { VercelErrorBody, VercelHttpError } from './vercel-http-error';
import { VercelEnvVarType, VercelProjectSettings, VercelTarget } from './vercel-settings';

export const DEFAULT_VERCEL_API_URL = 'https://api.vercel.com';
const REQUEST_TIMEOUT_MS = 30_000;

const targetSchema = z.enum(VERCEL_DEPLOYMENT_ENVIRONMENTS);

/** An env var as list and write answers show it; the value is never read. `target` is a string in some answers. */
const envSchema = z.looseObject({
  id: z.string(),
  key: z.string(),
  type: z.string(),
  target: z
    .union([targetSchema, z.array(targetSchema)])
    .nullish()
    .transform((target) => (target == null ? [] : Array.isArray(target) ? target : [target])),
  gitBranch: z.string().nullish(),
  customEnvironmentIds: z.array(z.string()).nullish(),
  comment: z.string().nullish(),
});

export type VercelEnv = z.output<typeof envSchema>;

const listSchema = z.looseObject({ envs: z.array(envSchema) });
const createSchema = z.looseObject({
  created: z.union([envSchema, z.array(envSchema)]).optional(),
  failed: z.array(z.looseObject({ error: z.looseObject({}) })).optional(),
});

/** The fields we write for one variable. */
export interface EnvEntry {
  key: string;
  value: string;
  type: VercelEnvVarType;
  target: VercelTarget[];
  comment: string;
}

function errorBodyOf(payload: unknown): VercelErrorBody {
  const error = (payload as { error?: unknown } | undefined)?.error;
  return typeof error === 'object' && error !== null ? (error as VercelErrorBody) : {};
}

async function jsonOf(response: Response): Promise<unknown> {
  const text = await response.text();
  try {
    return text.length === 0 ? undefined : JSON.parse(text);
  } catch {
    return undefined;
  }
}

/**
 * The project env-var endpoints of Vercel's REST API (spec §5.1) with plain fetch: bearer token, `teamId` on every
 * call of a team project. Failures are thrown as {@link VercelHttpError} for the adapter to handle or classify.
 */
export class VercelEnvApi {
  private readonly projectPath: string;

  constructor(
    private readonly baseUrl: string,
    private readonly settings: VercelProjectSettings,
  ) {
    this.projectPath = `/projects/${encodeURIComponent(settings.projectId)}/env`;
  }

  async list(): Promise<VercelEnv[]> {
    return listSchema.parse(await this.request('GET', `/v10${this.projectPath}`)).envs;
  }

  /**
   * Creates one variable, without `upsert`, so that a variable someone else created meanwhile is a clash we see
   * (ENV_ALREADY_EXISTS / ENV_CONFLICT) rather than a value we overwrite. A `failed` entry under 201 (spec §5.1)
   * is thrown as the 400 it is on its own.
   */
  async create(entry: EnvEntry): Promise<VercelEnv> {
    const answer = await this.requestWithHeaders('POST', `/v10${this.projectPath}`, entry);
    const { created, failed = [] } = createSchema.parse(answer.payload);
    if (failed.length > 0) throw new VercelHttpError(400, failed[0].error as VercelErrorBody, answer.headers);
    const env = Array.isArray(created) ? created[0] : created;
    if (env === undefined) throw new VercelHttpError(answer.status, { message: 'the answer created nothing' }, answer.headers);
    return env;
  }

  async edit(id: string, entry: EnvEntry): Promise<VercelEnv> {
    return envSchema.parse(await this.request('PATCH', `/v9${this.projectPath}/${encodeURIComponent(id)}`, entry));
  }

  async remove(id: string): Promise<void> {
    await this.request('DELETE', `/v9${this.projectPath}/${encodeURIComponent(id)}`);
  }

  private async request(method: string, path: string, body?: unknown): Promise<unknown> {
    return (await this.requestWithHeaders(method, path, body)).payload;
  }

  private async requestWithHeaders(method: string, path: string, body?: unknown): Promise<{ status: number; headers: Headers; payload: unknown }> {
    const url = new URL(`${this.baseUrl.replace(/\/+$/, '')}${path}`);
    if (this.settings.teamId !== undefined) url.searchParams.set('teamId', this.settings.teamId);
    const response = await fetch(url, {
      method,
      headers: { authorization: `Bearer ${this.settings.accessToken}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
    const payload = await jsonOf(response);
    if (!response.ok) throw new VercelHttpError(response.status, errorBodyOf(payload), response.headers);
    return { status: response.status, headers: response.headers, payload };
  }
}
