// Consent to share the family's information [Portsmouth early help assessment, plan, review and
// closure guidance, §2.7, §3.1 B]. There are two separate consents: sharing with those supporting
// the plan, and sharing with the Supporting Families programme ("Families need to consent
// separately"). A family can have a plan without the second, but "an assessment or plan can't be
// completed without" the first. Consent can be withdrawn at any time; the withdrawal is kept with
// the consent. The latest consent of each kind given on or before the day counts. Pure functions.

export const CONSENT_KINDS = [
  {
    code: 'plan-sharing',
    label: 'Sharing with those supporting the plan',
    statement: 'Our family’s personal information may be shared with those supporting our plan',
  },
  {
    code: 'supporting-families',
    label: 'Sharing with the Supporting Families programme',
    statement:
      'Our family’s information can be shared with the Supporting Families programme, only for statistical purposes',
  },
] as const;

export type ConsentKind = (typeof CONSENT_KINDS)[number]['code'];

export const CONSENT_ROLES = [
  { code: 'parent-carer', label: 'Parent or carer' },
  { code: 'young-person', label: 'Young person' },
] as const;

export type ConsentRole = (typeof CONSENT_ROLES)[number]['code'];

export function isConsentKind(value: unknown): value is ConsentKind {
  return CONSENT_KINDS.some((kind) => kind.code === value);
}

export function consentKindLabel(code: string): string {
  return CONSENT_KINDS.find((kind) => kind.code === code)?.label ?? code;
}

export function consentRoleLabel(code: string): string {
  return CONSENT_ROLES.find((role) => role.code === code)?.label ?? code;
}

/** A consent as recorded (the columns of case_consents that decide what it allows). */
export interface ConsentRecord {
  id: number;
  kind: string;
  agreed: boolean;
  given_by: string;
  given_on: string;
  withdrawn_on: string | null;
}

/** Where one kind of consent stands on a day. */
export interface ConsentStanding {
  /** The answer given: agree (true) or do not agree (false); false when none is recorded. */
  agreed: boolean;
  /** Who gave it, and when; null when none is recorded. */
  by: string | null;
  on: string | null;
  /** When it was withdrawn, if it has been by that day. */
  withdrawnOn: string | null;
  /** Agreed and not withdrawn: information may be shared. */
  inForce: boolean;
  /** The consent that counts, for withdrawing it. */
  consentId: number | null;
}

const NONE: ConsentStanding = { agreed: false, by: null, on: null, withdrawnOn: null, inForce: false, consentId: null };

/** The consent of a kind that counts on `today`: the latest given on or before it (the later recorded when on the same day). */
function latest(consents: readonly ConsentRecord[], kind: ConsentKind, today: string): ConsentRecord | undefined {
  let found: ConsentRecord | undefined;
  for (const consent of consents) {
    if (consent.kind !== kind || consent.given_on > today) continue;
    if (!found || consent.given_on > found.given_on || (consent.given_on === found.given_on && consent.id > found.id))
      found = consent;
  }
  return found;
}

/** Each kind of consent as it stands on `today` (an ISO date). */
export function consentState(consents: readonly ConsentRecord[], today: string): Record<ConsentKind, ConsentStanding> {
  const standing = (kind: ConsentKind): ConsentStanding => {
    const consent = latest(consents, kind, today);
    if (!consent) return NONE;
    const withdrawnOn = consent.withdrawn_on !== null && consent.withdrawn_on <= today ? consent.withdrawn_on : null;
    return {
      agreed: consent.agreed,
      by: consent.given_by,
      on: consent.given_on,
      withdrawnOn,
      inForce: consent.agreed && withdrawnOn === null,
      consentId: consent.id,
    };
  };
  return { 'plan-sharing': standing('plan-sharing'), 'supporting-families': standing('supporting-families') };
}

/** The plan may be shared with those supporting it (the school among them) only with agreed consent that has not been withdrawn [Portsmouth early help assessment, plan, review and closure guidance]. */
export function maySharePlan(consents: readonly ConsentRecord[], today: string): boolean {
  return consentState(consents, today)['plan-sharing'].inForce;
}

/** The family's information may go to the Supporting Families programme only with its own agreed, unwithdrawn consent [Portsmouth early help assessment, plan, review and closure guidance]. */
export function maySupportingFamilies(consents: readonly ConsentRecord[], today: string): boolean {
  return consentState(consents, today)['supporting-families'].inForce;
}
