// The contingency fund as the pages show it: amounts in pounds and pence, each application's
// agreed or proposed allocation with its share of the deficit, and the fund's totals.
import { STATUS_NAMES, percentText, poundsText, type ApplicationStatus, type FundPosition } from './rules.ts';
import type { ApplicationRow } from './service.ts';

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
    /** An agreement is honoured when the school becomes an academy (seed 001). */
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
