import { ExistingObject, LedgerEntry, OwnershipMarks, carriesMarks } from '@vault-sync/domain';

export type WriteVerdict =
  /** Nothing holds the name: create it. */
  | { kind: 'create' }
  /** Our ledger and the object's marks agree that this association wrote it. */
  | { kind: 'ours' }
  /** Someone else's object, taken over because the destination has `adopt_existing`. */
  | { kind: 'adopt' }
  | { kind: 'refuse'; reason: string };

export type DeleteVerdict = { kind: 'delete' } | { kind: 'gone' } | { kind: 'leave'; reason: string };

export interface OwnershipFacts {
  existing: ExistingObject | undefined;
  /** The ledger entry for the name, whichever association it belongs to. */
  ledgerEntry: LedgerEntry | undefined;
  /** The marks this association puts on the object. */
  expected: OwnershipMarks;
}

/** `<accessor>/<path>[/<key>]`, as the `source` mark spells it. */
export function sourceMark(entry: Pick<LedgerEntry, 'source'>): string {
  const { mountAccessor, secretPath, subKey } = entry.source;
  return subKey === undefined ? `${mountAccessor}/${secretPath}` : `${mountAccessor}/${secretPath}/${subKey}`;
}

function describeMarks(marks: Partial<OwnershipMarks> | undefined): string {
  if (marks === undefined || (marks.destination === undefined && marks.source === undefined && marks.owner === undefined)) {
    return 'it carries no vault-sync ownership marks';
  }
  return `its ownership marks name source ${JSON.stringify(marks.source ?? '')} of destination ${JSON.stringify(marks.destination ?? '')}`;
}

/** Our own ledger entry for this very object: same source, and (where the destination has ids) the same object. */
function isOurEntry(facts: OwnershipFacts): boolean {
  const { ledgerEntry, existing, expected } = facts;
  if (ledgerEntry === undefined || sourceMark(ledgerEntry) !== expected.source) return false;
  return existing?.externalId === undefined || ledgerEntry.externalId === undefined || existing.externalId === ledgerEntry.externalId;
}

/**
 * The ownership check before a write (spec §9, refuse-to-clobber). Another association's ledger entry for the
 * name is a collision and always refused; an object without our marks (or with another association's or
 * installation's) is refused unless `adoptExisting`. Where the destination cannot carry marks (GitHub), our
 * ledger alone says whether we wrote the object.
 */
export function judgeWrite(facts: OwnershipFacts, adoptExisting: boolean): WriteVerdict {
  const { existing, ledgerEntry, expected } = facts;
  if (ledgerEntry !== undefined && sourceMark(ledgerEntry) !== expected.source) {
    return { kind: 'refuse', reason: `the name is already managed by vault-sync for source ${JSON.stringify(sourceMark(ledgerEntry))}` };
  }
  if (existing === undefined) return { kind: 'create' };
  const ours = existing.marks === undefined ? isOurEntry(facts) : carriesMarks(existing.marks, expected);
  if (ours) return { kind: 'ours' };
  if (adoptExisting) return { kind: 'adopt' };
  const why = existing.marks === undefined ? 'vault-sync has no record of writing it' : describeMarks(existing.marks);
  return { kind: 'refuse', reason: `it exists and is not managed by this vault-sync association (${why}); set adopt_existing to take it over` };
}

/** Unsync deletes only what we own: our ledger entry, and our marks where the destination carries marks. */
export function judgeDelete(facts: OwnershipFacts): DeleteVerdict {
  const { existing, expected } = facts;
  if (existing === undefined) return { kind: 'gone' };
  if (!isOurEntry(facts)) return { kind: 'leave', reason: 'vault-sync has no record of writing it' };
  if (existing.marks !== undefined && !carriesMarks(existing.marks, expected)) return { kind: 'leave', reason: describeMarks(existing.marks) };
  return { kind: 'delete' };
}
