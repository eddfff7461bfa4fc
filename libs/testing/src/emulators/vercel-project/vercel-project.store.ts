import { randomId, ValueSealer } from './vercel-project.crypto';
import { VercelErrorBody } from './vercel-project.errors';
import { Checked } from './vercel-project.rules';
import { Caller, EnvFields, EnvRecord, EnvScope, Project, TeamSeed, VercelSeed } from './vercel-project.types';

const sameSet = (a: string[], b: string[]) => a.length === b.length && a.every((item) => b.includes(item));
const overlap = (a: string[], b: string[]) => a.filter((item) => b.includes(item));

export interface CreateOutcome {
  record: EnvRecord;
  /** False when `upsert=true` updated an existing record instead. */
  inserted: boolean;
}

/** Tokens, teams, projects and their environment variables, in memory. */
export class VercelProjectStore {
  private readonly sealer = new ValueSealer();
  private callers = new Map<string, Caller>();
  private teams = new Map<string, TeamSeed>();
  private projects = new Map<string, Project>();
  private envs = new Map<string, EnvRecord>();

  /** `initial` is what {@link reset} returns to. */
  constructor(private readonly initial: VercelSeed = {}) {
    this.reset();
  }

  reset(): void {
    this.callers = new Map();
    this.teams = new Map();
    this.projects = new Map();
    this.envs = new Map();
    this.seed(this.initial);
  }

  /** Adds tokens, teams and projects; returns the projects with their ids. */
  seed(seed: VercelSeed): Project[] {
    for (const { token, teamIds = [], userId = randomId(24) } of seed.tokens ?? []) this.callers.set(token, { userId, teamIds });
    for (const team of seed.teams ?? []) this.teams.set(team.id, team);
    return (seed.projects ?? []).map(({ id = `prj_${randomId(28)}`, name, teamId }) => {
      const project: Project = teamId === undefined ? { id, name } : { id, name, teamId };
      this.projects.set(id, project);
      return project;
    });
  }

  callerFor(token: string): Caller | undefined {
    return this.callers.get(token);
  }

  teamIdForSlug(slug: string): string | undefined {
    return [...this.teams.values()].find((team) => team.slug === slug)?.id;
  }

  /** A project by id or name, only within the scope asked for: a team's projects need that team's id. */
  findProject(idOrName: string, teamId: string | undefined): Project | undefined {
    return [...this.projects.values()].find((p) => p.teamId === teamId && (p.id === idOrName || p.name === idOrName));
  }

  envsOf(projectId: string): EnvRecord[] {
    return [...this.envs.values()].filter((env) => env.projectId === projectId);
  }

  findEnv(projectId: string, envId: string): EnvRecord | undefined {
    const env = this.envs.get(envId);
    return env?.projectId === projectId ? env : undefined;
  }

  /**
   * Adds a variable. A clash on key + scope fails, except that `upsert` updates a record whose scope is
   * exactly the same; a partly overlapping one is ENV_CONFLICT even then (spec §5.2).
   */
  create(projectId: string, fields: EnvFields, upsert: boolean, actor: Caller): Checked<CreateOutcome> {
    const clashes = this.clashes(projectId, fields);
    if (clashes.length === 0) return { ok: { record: this.insert(projectId, fields, actor), inserted: true } };
    if (upsert && clashes.length === 1 && this.sameScope(clashes[0], fields)) {
      const { value, type, comment } = fields;
      return { ok: { record: this.write(clashes[0], { value, type, comment }, actor), inserted: false } };
    }
    return { error: this.clashError(fields, clashes) };
  }

  edit(record: EnvRecord, fields: EnvFields, actor: Caller): Checked<EnvRecord> {
    const clashes = this.clashes(record.projectId, fields, record.id);
    if (clashes.length > 0) return { error: this.clashError(fields, clashes) };
    return { ok: this.write(record, fields, actor) };
  }

  remove(record: EnvRecord): void {
    this.envs.delete(record.id);
  }

  snapshot() {
    return {
      tokens: Object.fromEntries(this.callers),
      teams: [...this.teams.values()],
      projects: [...this.projects.values()],
      envs: [...this.envs.values()],
    };
  }

  private insert(projectId: string, fields: EnvFields, actor: Caller): EnvRecord {
    const now = Date.now();
    const record: EnvRecord = {
      ...fields,
      id: randomId(16),
      projectId,
      ciphertext: this.sealer.seal(fields.value),
      createdAt: now,
      updatedAt: now,
      createdBy: actor.userId,
      updatedBy: actor.userId,
    };
    this.envs.set(record.id, record);
    return record;
  }

  private write(record: EnvRecord, fields: Partial<EnvFields>, actor: Caller): EnvRecord {
    Object.assign(record, fields, { updatedAt: Date.now(), updatedBy: actor.userId });
    record.ciphertext = this.sealer.seal(record.value);
    return record;
  }

  /** Records with the same key and branch whose targets or custom environments overlap the given scope. */
  private clashes(projectId: string, fields: EnvFields, excludeId?: string): EnvRecord[] {
    return this.envsOf(projectId).filter(
      (env) =>
        env.id !== excludeId &&
        env.key === fields.key &&
        env.gitBranch === fields.gitBranch &&
        (overlap(env.target, fields.target).length > 0 || overlap(env.customEnvironmentIds, fields.customEnvironmentIds).length > 0),
    );
  }

  private sameScope(a: EnvScope, b: EnvScope): boolean {
    return sameSet(a.target, b.target) && sameSet(a.customEnvironmentIds, b.customEnvironmentIds);
  }

  /** ENV_ALREADY_EXISTS for an exact duplicate, ENV_CONFLICT for a partial overlap (spec §5.2; both 400). */
  private clashError(fields: EnvFields, clashes: EnvRecord[]): VercelErrorBody {
    const details = {
      key: fields.key,
      envVarKey: fields.key,
      target: fields.target,
      ...(fields.gitBranch === undefined ? {} : { gitBranch: fields.gitBranch }),
    };
    if (clashes.length === 1 && this.sameScope(clashes[0], fields)) {
      return {
        code: 'ENV_ALREADY_EXISTS',
        message: 'Another Environment Variable with the same Name and Environment exists in your project. Remove it or rename this one.',
        envVarId: clashes[0].id,
        ...details,
      };
    }
    const existing = clashes[0];
    const shared = overlap(existing.target, fields.target);
    const where = shared.length > 0 ? `the target ${shared[0]}` : `the custom environment ${overlap(existing.customEnvironmentIds, fields.customEnvironmentIds)[0]}`;
    const branch = fields.gitBranch === undefined ? '' : ` and branch ${fields.gitBranch}`;
    return { code: 'ENV_CONFLICT', message: `A variable with the name \`${fields.key}\` already exists for ${where}${branch}.`, envVarId: existing.id, ...details };
  }
}
