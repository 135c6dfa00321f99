import type { ArmCaller } from './context';
import { badRequest } from './errors';
import { isAtOrBelow, isRelated } from './scope';

/** What a PIM `$filter` selects; combinations are joined with `and`. */
export interface PimFilter {
  /** Only this principal's records (asTarget(), assignedTo('…'), principalId eq …). */
  principal?: string;
  /** Only requests this principal created (asRequestor()). */
  requestor?: string;
  /** asApprover(): the emulator has no approver identities, so this selects nothing. */
  approver: boolean;
  /** atScope(): records at or above the scope instead of anywhere related to it. */
  atScope: boolean;
}

export function parsePimFilter(raw: string | null, caller: ArmCaller): PimFilter {
  const f: PimFilter = { approver: false, atScope: false };
  if (raw === null || raw.trim() === '') return f;
  for (const part of raw.split(/\s+and\s+/i)) {
    const p = part.trim();
    let m: RegExpExecArray | null;
    if (/^asTarget\(\)$/i.test(p)) f.principal = caller.oid;
    else if (/^asRequestor\(\)$/i.test(p)) f.requestor = caller.oid;
    else if (/^asApprover\(\)$/i.test(p)) f.approver = true;
    else if (/^atScope\(\)$/i.test(p)) f.atScope = true;
    else if ((m = /^assignedTo\('([^']+)'\)$/i.exec(p))) f.principal = m[1];
    else if ((m = /^principalId\s+eq\s+'?([0-9a-fA-F-]+)'?$/i.exec(p))) f.principal = m[1];
    else throw badRequest('InvalidFilter', `The filter '${raw}' is not supported.`);
  }
  return f;
}

/**
 * Scope relation for list calls: with atScope() the record must sit at or above the URL scope;
 * otherwise any record at, above or below it is returned (so the root scope lists everything).
 */
export function scopeMatches(filter: PimFilter, urlScope: string, recordScope: string): boolean {
  return filter.atScope ? isAtOrBelow(urlScope, recordScope) : isRelated(urlScope, recordScope);
}
