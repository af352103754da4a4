// The contingency fund for schools in financial difficulty (Havering schools forum report
// 2024-25): how the fund is shared among the schools that apply, and the limits on what the
// finance officer may agree. Money is in pence (whole numbers) throughout.
//
// The rule ('pro-rata'): every qualifying school gets the same share of the deficit it brought
// forward — "the allocations agreed for 2023-24 represented just 11% of the budget deficit brought
// forward by each school qualifying for support" (Havering schools forum report 2024-25,
// 'Contingency for schools in financial difficulty'). A school never gets more than its deficit
// or more than it asked for; what a school does not take is shared among the others.
// Allocations already agreed are fixed: they come off the fund first, and only applications not
// yet decided are proposed a share of what is left. Each proposal is rounded down to the penny, so
// the proposals never add up to more than the fund; the few pennies left over by rounding (fewer
// than one per school) stay in the fund, unallocated, rather than give one school a larger share.

import { formatPounds } from '../rules.ts';

export type ApplicationStatus = 'submitted' | 'agreed' | 'declined' | 'withdrawn';

export const STATUS_NAMES: Record<ApplicationStatus, string> = {
  submitted: 'Waiting for a decision',
  agreed: 'Agreed',
  declined: 'Declined',
  withdrawn: 'Withdrawn',
};

export interface Claim {
  id: number;
  deficitPence: number;
  askedPence: number;
}

export interface Application extends Claim {
  status: ApplicationStatus;
  allocatedPence: number | null;
}

/** An application as the pages and the service see it. */
export interface ApplicationRow extends Application {
  urn: number;
  schoolName: string;
  evidence: string;
  decisionNote: string;
  decidedAt: Date | null;
  convertedOn: string | null;
  appliedAt: Date;
}

export interface Shares {
  /** Proposed allocation per undecided application id. */
  proposals: Map<number, number>;
  /** The share of its deficit each school gets that is not held back by its own request (0 to 1); null when every school gets all it can. */
  share: number | null;
  /** The fund less the proposals: rounding pennies, or more when every school is fully met. */
  unallocatedPence: number;
}

/** The most a school can be given: no more than its deficit, nor than it asked for. */
export const capOf = (claim: Claim): number => Math.min(claim.deficitPence, claim.askedPence);

/**
 * Shares `fundPence` among `claims` pro rata to their deficits, each capped at `capOf`. A claim
 * whose cap is below its pro-rata share gets its cap, and the rest of the fund is shared again
 * among the others, until no claim is held back by its cap. Exact: ratios are compared in whole
 * numbers (BigInt), never in floating point.
 */
export function proRataShares(fundPence: number, claims: readonly Claim[]): Shares {
  const proposals = new Map<number, number>();
  let fund = BigInt(Math.max(0, fundPence));
  let open = [...claims];
  for (;;) {
    const deficits = open.reduce((sum, claim) => sum + BigInt(claim.deficitPence), 0n);
    if (open.length === 0 || deficits === 0n) break;
    // A claim is met in full when cap ≤ deficit × min(1, fund / deficits).
    const met = open.filter(
      (claim) => BigInt(capOf(claim)) * deficits <= BigInt(claim.deficitPence) * (fund < deficits ? fund : deficits),
    );
    if (met.length === 0) {
      for (const claim of open) proposals.set(claim.id, Number((BigInt(claim.deficitPence) * fund) / deficits));
      return {
        proposals,
        share: Number(fund) / Number(deficits),
        unallocatedPence: Number(fund) - sumOf(open.map((claim) => proposals.get(claim.id)!)),
      };
    }
    for (const claim of met) {
      proposals.set(claim.id, capOf(claim));
      fund -= BigInt(capOf(claim));
    }
    open = open.filter((claim) => !met.includes(claim));
  }
  return { proposals, share: null, unallocatedPence: Number(fund) };
}

const sumOf = (values: readonly number[]) => values.reduce((sum, value) => sum + value, 0);

/** Applications that qualify for support: submitted (waiting) or agreed; never declined or withdrawn. */
export const qualifies = (application: Application) =>
  application.status === 'submitted' || application.status === 'agreed';

/** The total already agreed: fixed, whatever happens to the fund or the other applications. */
export const agreedPence = (applications: readonly Application[]) =>
  sumOf(
    applications
      .filter((application) => application.status === 'agreed')
      .map((application) => application.allocatedPence ?? 0),
  );

export interface FundPosition {
  fundPence: number;
  agreedPence: number;
  /** What is left of the fund after the agreed allocations. */
  leftPence: number;
  /** The undecided applications' proposals out of what is left. */
  shares: Shares;
  /** Agreed plus proposed: never more than the fund. */
  committedPence: number;
}

/** Where the fund stands: agreed allocations fixed, the rest proposed among undecided applications. */
export function fundPosition(fundPence: number, applications: readonly Application[]): FundPosition {
  const agreed = agreedPence(applications);
  const leftPence = Math.max(0, fundPence - agreed);
  const shares = proRataShares(
    leftPence,
    applications.filter((application) => application.status === 'submitted'),
  );
  return {
    fundPence,
    agreedPence: agreed,
    leftPence,
    shares,
    committedPence: agreed + sumOf([...shares.proposals.values()]),
  };
}

/**
 * Why an amount may not be agreed for an application, or undefined when it may: more than £0, no
 * more than the school's deficit, and no more than is left of the fund after the other agreed
 * allocations.
 */
export function agreementProblem(
  amountPence: number,
  application: Application,
  fundPence: number | undefined,
  others: readonly Application[],
): string | undefined {
  if (fundPence === undefined) return 'Set the size of the fund before agreeing an allocation';
  if (amountPence <= 0) return 'Enter an amount more than £0, or decline the application';
  if (amountPence > application.deficitPence)
    return `The allocation cannot be more than the school’s deficit of ${poundsText(application.deficitPence)}`;
  const left = fundPence - agreedPence(others.filter((other) => other.id !== application.id));
  if (amountPence > left)
    return `The allocation cannot be more than the ${poundsText(Math.max(0, left))} left in the fund`;
  return undefined;
}

/** Why the fund may not be set to this size, or undefined: never below what is already agreed. */
export function fundProblem(fundPence: number, applications: readonly Application[]): string | undefined {
  const agreed = agreedPence(applications);
  if (fundPence < agreed) return `The fund cannot be less than the ${poundsText(agreed)} already agreed`;
  return undefined;
}

/** The most money a form accepts: £100 million. */
export const MAX_PENCE = 10_000_000_000;

/** Pounds as typed ('£190,000', '2114', '19,218.19') in pence, or undefined if it is not an amount. */
export function penceFromPounds(text: string): number | undefined {
  const match = /^£?\s*(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d{1,2}))?$/.exec(text.trim());
  if (!match) return undefined;
  const pence = Number(match[1].replaceAll(',', '')) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
  return Number.isSafeInteger(pence) ? pence : undefined;
}

/** Pence as pounds and pence for the page: '£19,218.19'. */
export const poundsText = (pence: number): string => formatPounds(pence, { pence: true });

/** A share as a percentage for the page: '11%' or '10.96%'. */
export function percentText(share: number): string {
  return `${(share * 100).toLocaleString('en-GB', { maximumFractionDigits: 2 })}%`;
}

/** The financial year a funding year label covers: '2024-25' → 1 April 2024 to 31 March 2025 (not a school year). */
export function financialYearDates(year: string): { earliest: string; latest: string } {
  const start = Number(year.slice(0, 4));
  return { earliest: `${start}-04-01`, latest: `${start + 1}-03-31` };
}

// The fund as the pages show it: amounts in pounds and pence, each application's agreed or
// proposed allocation with its share of the deficit, and the fund's totals.

const STATUS_CLASSES: Record<ApplicationStatus, string> = {
  submitted: 'govuk-tag--blue',
  agreed: 'govuk-tag--green',
  declined: 'govuk-tag--red',
  withdrawn: 'govuk-tag--grey',
};

/** One application for a page; the proposed allocation only for those who see the whole fund. */
export function applicationView(row: ApplicationRow, position: FundPosition | undefined) {
  const proposedPence = row.status === 'submitted' ? position?.shares.proposals.get(row.id) : undefined;
  const allocationPence = row.status === 'agreed' ? row.allocatedPence : proposedPence;
  return {
    ...row,
    deficit: poundsText(row.deficitPence),
    asked: poundsText(row.askedPence),
    statusName: STATUS_NAMES[row.status],
    statusClass: STATUS_CLASSES[row.status],
    proposed: proposedPence === undefined ? undefined : poundsText(proposedPence),
    allocation: allocationPence == null ? undefined : poundsText(allocationPence),
    shareOfDeficit: allocationPence == null ? undefined : percentText(allocationPence / row.deficitPence),
    /** An agreement is honoured when the school becomes an academy (Havering schools forum report 2024-25, 'Contingency for schools in financial difficulty'). */
    allocationStands: row.status === 'agreed' && row.convertedOn !== null,
  };
}

export type ApplicationView = ReturnType<typeof applicationView>;

/** The fund's totals: agreed, proposed, and what is left. */
export function positionView(position: FundPosition) {
  const proposedPence = position.committedPence - position.agreedPence;
  return {
    fund: poundsText(position.fundPence),
    agreed: poundsText(position.agreedPence),
    proposed: poundsText(proposedPence),
    committed: poundsText(position.committedPence),
    uncommitted: poundsText(position.fundPence - position.committedPence),
    share: position.shares.share === null ? undefined : percentText(position.shares.share),
    waiting: position.shares.proposals.size,
  };
}
