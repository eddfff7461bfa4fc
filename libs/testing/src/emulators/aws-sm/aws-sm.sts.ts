import { randomBytes, randomUUID } from 'node:crypto';
import { CallerIdentity, CredentialRegistry } from './aws-sm.auth';
import { AwsServiceError, constraintMessage, STS_XML_NAMESPACE, xmlEscape } from './aws-sm.errors';
import { AwsRoleTrust } from './aws-sm.types';

export const STS_VERSION = '2011-06-15';
const DEFAULT_SESSION_SECONDS = 3600;
const MIN_SESSION_SECONDS = 900;
const MAX_SESSION_SECONDS = 43_200;
const SESSION_NAME_PATTERN = /^[\w+=,.@-]*$/;
const EXTERNAL_ID_PATTERN = /^[\w+=,.@:/-]*$/;

/** STS's query-protocol validation error (code `ValidationError`, not the JSON services' `ValidationException`). */
const stsValidation = (field: string, constraint: string, value?: string | null) => new AwsServiceError('ValidationError', constraintMessage(field, constraint, value));

function requireParam(params: URLSearchParams, name: string, field: string): string {
  const value = params.get(name);
  if (value === null) throw stsValidation(field, 'Member must not be null', null);
  return value;
}

function checkParam(field: string, value: string, min: number, max: number, pattern: RegExp): void {
  if (value.length < min) throw stsValidation(field, `Member must have length greater than or equal to ${min}`, value);
  if (value.length > max) throw stsValidation(field, `Member must have length less than or equal to ${max}`, value);
  if (!pattern.test(value)) throw stsValidation(field, `Member must satisfy regular expression pattern: ${pattern.source}`, value);
}

/** XML timestamps as STS writes them: ISO 8601 in UTC, whole seconds. */
const isoSeconds = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

function queryResponse(action: string, result: string): string {
  return `<${action}Response xmlns="${STS_XML_NAMESPACE}"><${action}Result>${result}</${action}Result><ResponseMetadata><RequestId>${randomUUID()}</RequestId></ResponseMetadata></${action}Response>`;
}

const roleNameOf = (roleArn: string) => roleArn.slice(roleArn.lastIndexOf('/') + 1);
const accountOf = (arn: string) => arn.split(':')[4] ?? '';

/** STS AssumeRole / GetCallerIdentity over the query protocol, against the configured role trusts. */
export class StsService {
  constructor(
    private readonly roles: AwsRoleTrust[],
    private readonly credentials: CredentialRegistry,
  ) {}

  /** The XML body of a successful call; throws AwsServiceError otherwise. */
  handle(params: URLSearchParams, caller: CallerIdentity): string {
    const action = params.get('Action') ?? '';
    if (params.get('Version') !== STS_VERSION || !['AssumeRole', 'GetCallerIdentity'].includes(action)) {
      throw new AwsServiceError('InvalidAction', `Could not find operation ${action} for version ${params.get('Version') ?? ''}`);
    }
    return action === 'AssumeRole' ? this.assumeRole(params, caller) : this.callerIdentity(caller);
  }

  private assumeRole(params: URLSearchParams, caller: CallerIdentity): string {
    const roleArn = requireParam(params, 'RoleArn', 'roleArn');
    checkParam('roleArn', roleArn, 20, 2048, /^[\t\n\r\u0020-\u007E\u0085\u00A0-\uFFFD]+$/);
    const sessionName = requireParam(params, 'RoleSessionName', 'roleSessionName');
    checkParam('roleSessionName', sessionName, 2, 64, SESSION_NAME_PATTERN);
    const externalId = params.get('ExternalId') ?? undefined;
    if (externalId !== undefined) checkParam('externalId', externalId, 2, 1224, EXTERNAL_ID_PATTERN);
    const durationParam = params.get('DurationSeconds');
    const duration = durationParam === null ? DEFAULT_SESSION_SECONDS : Number(durationParam);
    if (!Number.isInteger(duration) || duration < MIN_SESSION_SECONDS || duration > MAX_SESSION_SECONDS) {
      const bound = duration < MIN_SESSION_SECONDS ? `greater than or equal to ${MIN_SESSION_SECONDS}` : `less than or equal to ${MAX_SESSION_SECONDS}`;
      throw stsValidation('durationSeconds', `Member must have value ${bound}`, durationParam);
    }

    const role = this.roles.find((r) => r.roleArn === roleArn);
    const trusted =
      role !== undefined &&
      (role.trustedAccessKeyIds === undefined || role.trustedAccessKeyIds.includes(caller.accessKeyId)) &&
      (role.externalId === undefined || role.externalId === externalId);
    if (!role || !trusted) {
      throw new AwsServiceError('AccessDenied', `User: ${caller.principalArn} is not authorized to perform: sts:AssumeRole on resource: ${roleArn}`, 403);
    }
    if (duration > (role.maxSessionDurationSeconds ?? DEFAULT_SESSION_SECONDS)) {
      throw new AwsServiceError('ValidationError', 'The requested DurationSeconds exceeds the MaxSessionDuration set for this role.');
    }

    const roleId = `AROA${randomBytes(8).toString('hex').toUpperCase()}`;
    const assumedArn = `arn:aws:sts::${accountOf(roleArn)}:assumed-role/${roleNameOf(roleArn)}/${sessionName}`;
    const issued = this.credentials.issueTemporary(assumedArn, duration);
    return queryResponse(
      'AssumeRole',
      `<AssumedRoleUser><AssumedRoleId>${roleId}:${xmlEscape(sessionName)}</AssumedRoleId><Arn>${xmlEscape(assumedArn)}</Arn></AssumedRoleUser>` +
        `<Credentials><AccessKeyId>${issued.accessKeyId}</AccessKeyId><SecretAccessKey>${xmlEscape(issued.secretAccessKey)}</SecretAccessKey>` +
        `<SessionToken>${xmlEscape(issued.sessionToken)}</SessionToken><Expiration>${isoSeconds(issued.expiresMs)}</Expiration></Credentials>`,
    );
  }

  private callerIdentity(caller: CallerIdentity): string {
    return queryResponse('GetCallerIdentity', `<Arn>${xmlEscape(caller.principalArn)}</Arn><UserId>${caller.accessKeyId}</UserId><Account>${accountOf(caller.principalArn)}</Account>`);
  }
}
