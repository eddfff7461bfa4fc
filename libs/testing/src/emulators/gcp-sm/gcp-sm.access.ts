import { credentialsInvalid, credentialsMissing, permissionDenied } from './gcp-sm.errors';
import { GcpProject } from './gcp-sm.types';

export interface AccessOptions {
  /**
   * Projects that exist; any project when omitted or empty. Others answer PERMISSION_DENIED, as the service
   * does for a project the caller cannot see "(or it may not exist)".
   */
  projects?: GcpProject[];
  /**
   * Bearer tokens accepted in `authorization` metadata. When omitted or empty no auth is asked for: over an
   * insecure channel the SDK sends none (spec §3.1).
   */
  accessTokens?: string[];
  /** IAM permissions (`secretmanager.secrets.delete`, …) the caller lacks: PERMISSION_DENIED wherever needed. */
  deniedPermissions?: string[];
}

/** The IAM permission each RPC needs (Secret Manager's IAM reference). */
export const PERMISSIONS: Record<string, string> = {
  ListSecrets: 'secretmanager.secrets.list',
  CreateSecret: 'secretmanager.secrets.create',
  GetSecret: 'secretmanager.secrets.get',
  UpdateSecret: 'secretmanager.secrets.update',
  DeleteSecret: 'secretmanager.secrets.delete',
  AddSecretVersion: 'secretmanager.versions.add',
  ListSecretVersions: 'secretmanager.versions.list',
  GetSecretVersion: 'secretmanager.versions.get',
  AccessSecretVersion: 'secretmanager.versions.access',
  EnableSecretVersion: 'secretmanager.versions.enable',
  DisableSecretVersion: 'secretmanager.versions.disable',
  DestroySecretVersion: 'secretmanager.versions.destroy',
};

/** Who may call, which projects exist, which permissions are missing. */
export class AccessGuard {
  private readonly tokens: Set<string>;
  private readonly denied: Set<string>;
  private readonly projects: GcpProject[];

  constructor(options: AccessOptions) {
    this.tokens = new Set(options.accessTokens ?? []);
    this.denied = new Set(options.deniedPermissions ?? []);
    this.projects = options.projects ?? [];
  }

  /** Checks the `authorization` metadata when tokens are configured. */
  authenticate(authorization: string | undefined): void {
    if (this.tokens.size === 0) return;
    if (!authorization) throw credentialsMissing();
    const token = /^Bearer\s+(.+)$/i.exec(authorization)?.[1];
    if (!token || !this.tokens.has(token)) throw credentialsInvalid();
  }

  /** Checks that the caller holds `permission` on `resource` in `project`; returns the project's canonical segment. */
  authorize(permission: string, resource: string, project: string): string {
    const canonical = this.canonicalProject(project);
    if (canonical === undefined || this.denied.has(permission)) throw permissionDenied(permission, resource);
    return canonical;
  }

  private canonicalProject(segment: string): string | undefined {
    if (this.projects.length === 0) return segment;
    const project = this.projects.find((p) => p.id === segment || p.number === segment);
    return project && (project.number ?? project.id);
  }
}
