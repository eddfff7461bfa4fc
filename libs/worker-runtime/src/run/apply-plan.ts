import {
  ClientSideError,
  Destination,
  DestinationAdapter,
  ErrorCode,
  ExternalSecretPayload,
  LedgerEntry,
  NAME_RULES,
  OwnershipMarks,
  RateLimitDomain,
  SecretRef,
  VaultSyncError,
  destinationKey,
} from '@vault-sync/domain';
import { OwnershipLedgerRepository } from '@vault-sync/store';
import { asVaultSyncError, isThrottling } from '../errors/classify-error';
import { RateGovernor } from '../governor/rate-governor';
import { HeldLease, LeaseLostError } from '../lease/held-lease';
import { judgeDelete, judgeWrite, sourceMark } from '../plan/ownership';
import { PreparedRun } from './prepare-run';

/** What happened to one external object; `subKey` is set under secret-key granularity. */
export interface EntryResult {
  externalName: string;
  subKey?: string;
  kind: 'write' | 'unchanged' | 'delete';
  error?: VaultSyncError;
}

export interface ApplyContext {
  destination: Destination;
  association: SecretRef;
  adapter: DestinationAdapter;
  domain: RateLimitDomain;
  lease: HeldLease;
  installationId: string;
  now: () => Date;
}

export interface ApplyDependencies {
  ledger: Pick<OwnershipLedgerRepository, 'record' | 'forget'>;
  governor: Pick<RateGovernor, 'penalize'>;
  /** An object we do not own was left in place during an unsync (spec §9: report it). */
  onLeftAlone: (details: { externalName: string; reason: string }) => void;
}

/**
 * Carries out a plan against the destination: deletes first (a renamed object frees its old name before the new
 * one is written), then writes, each after the ownership check. One failing object does not stop the others.
 * The ledger is written after each destination call, fenced by the run's lease; when that write is refused the
 * destination may now hold data older than what another run recorded, so the run stops with
 * `LeaseLostError(afterMutation)` and the caller schedules a full rewrite.
 */
export class PlanExecutor {
  constructor(private readonly deps: ApplyDependencies) {}

  async apply(run: PreparedRun, ctx: ApplyContext): Promise<EntryResult[]> {
    const results: EntryResult[] = [];
    for (const entry of run.plan.deletes) results.push(await this.delete(entry, ctx));
    for (const entry of run.plan.writes) results.push(await this.write(entry, run, ctx));
    for (const entry of run.plan.unchanged) results.push(await this.keepUnchanged(entry, run, ctx));
    return results;
  }

  private async write(entry: ExternalSecretPayload, run: PreparedRun, ctx: ApplyContext): Promise<EntryResult> {
    const result = { externalName: entry.externalName, ...subKeyOf(entry), kind: 'write' as const };
    const marks = marksFor(ctx, entry.subKey);
    try {
      const existing = await this.call(ctx, `inspect of ${describe(ctx, entry.externalName)}`, () => ctx.adapter.inspect(entry.externalName));
      const verdict = judgeWrite({ existing, ledgerEntry: run.ledgerByName.get(entry.externalName), expected: marks }, ctx.destination.options.adoptExisting);
      if (verdict.kind === 'refuse') {
        throw new ClientSideError(ErrorCode.NotOwned, `${describe(ctx, entry.externalName)} was not written: ${verdict.reason}`);
      }
      await ctx.lease.confirm();
      const outcome = await this.call(ctx, `write of ${describe(ctx, entry.externalName)}`, () =>
        ctx.adapter.write({ name: entry.externalName, value: entry.value, marks, customTags: ctx.destination.options.customTags }, existing),
      );
      const externalId = outcome.externalId ?? existing?.externalId;
      await this.record(ctx, entry, run, externalId, true);
      return result;
    } catch (err) {
      return { ...result, error: failureOf(err) };
    }
  }

  /** Nothing to write; the ledger still moves to the version now synced, so older runs cannot record over it. */
  private async keepUnchanged(entry: ExternalSecretPayload, run: PreparedRun, ctx: ApplyContext): Promise<EntryResult> {
    const recorded = run.ledgerByName.get(entry.externalName);
    if (recorded !== undefined && recorded.vaultVersion !== run.vaultVersion) await this.record(ctx, entry, run, recorded.externalId, false);
    return { externalName: entry.externalName, ...subKeyOf(entry), kind: 'unchanged' };
  }

  private async delete(entry: LedgerEntry, ctx: ApplyContext): Promise<EntryResult> {
    const result = { externalName: entry.externalName, ...subKeyOf(entry.source), kind: 'delete' as const };
    let removed = false;
    try {
      const existing = await this.call(ctx, `inspect of ${describe(ctx, entry.externalName)}`, () => ctx.adapter.inspect(entry.externalName));
      const verdict = judgeDelete({ existing, ledgerEntry: entry, expected: marksFor(ctx, entry.source.subKey) });
      if (verdict.kind === 'leave') this.deps.onLeftAlone({ externalName: entry.externalName, reason: verdict.reason });
      if (verdict.kind === 'delete' && existing !== undefined) {
        await ctx.lease.confirm();
        await this.call(ctx, `delete of ${describe(ctx, entry.externalName)}`, () => ctx.adapter.remove(existing));
        removed = true;
      }
    } catch (err) {
      return { ...result, error: failureOf(err) };
    }
    const forgotten = await this.deps.ledger.forget(ctx.destination, entry.externalName, ctx.lease.fence);
    if (forgotten === 'fenced') throw new LeaseLostError(ctx.lease.fence.associationId, removed);
    return result;
  }

  private async record(ctx: ApplyContext, entry: ExternalSecretPayload, run: PreparedRun, externalId: string | undefined, afterMutation: boolean): Promise<void> {
    const outcome = await this.deps.ledger.record(
      {
        destination: { type: ctx.destination.type, name: ctx.destination.name },
        externalName: entry.externalName,
        ...(externalId === undefined ? {} : { externalId }),
        source: { mountAccessor: ctx.association.mountAccessor, secretPath: ctx.association.secretPath, ...subKeyOf(entry) },
        vaultVersion: run.vaultVersion ?? 0,
        fingerprint: entry.fingerprint,
        writtenAt: ctx.now().toISOString(),
      },
      ctx.lease.fence,
    );
    if (outcome !== 'written') throw new LeaseLostError(ctx.lease.fence.associationId, afterMutation);
  }

  /** Every adapter call: errors classified, and a throttling answer slows the whole limit domain down. */
  private async call<T>(ctx: ApplyContext, operation: string, call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (err) {
      const error = asVaultSyncError(err, operation);
      if (isThrottling(error)) await this.deps.governor.penalize(ctx.domain);
      throw error;
    }
  }
}

function failureOf(err: unknown): VaultSyncError {
  if (err instanceof VaultSyncError) return err;
  throw err;
}

function subKeyOf(entry: { subKey?: string }): { subKey?: string } {
  return entry.subKey === undefined ? {} : { subKey: entry.subKey };
}

function describe(ctx: ApplyContext, externalName: string): string {
  return `${NAME_RULES[ctx.destination.type].label} ${JSON.stringify(externalName)} at destination ${destinationKey(ctx.destination)}`;
}

function marksFor(ctx: ApplyContext, subKey: string | undefined): OwnershipMarks {
  return {
    destination: destinationKey(ctx.destination),
    source: sourceMark({ source: { ...ctx.association, ...(subKey === undefined ? {} : { subKey }) } }),
    owner: ctx.installationId,
  };
}
