// The team's families that meet the Supporting Families criteria, open and closed, with their
// outcomes and whether a claim may be made; and the download of those who consented to share
// with the programme (no one else's information leaves the service). Reading it is audited.
import type { Db } from '../../db/connection.ts';
import type { Clock } from '../../platform/clock.ts';
import { audit, type Actor } from '../../platform/audit/audit.ts';
import type { Role } from '../../platform/roles.ts';
import { readSetting } from '../../platform/settings/service.ts';
import { formatIsoDate } from '../../platform/date-input.ts';
import type { Cell } from '../../platform/xlsx-export.ts';
import type { Reader } from '../repository.ts';
import { NEEDS_FOR_ELIGIBILITY, claimReadiness, eligibility, outcomeLabel, outcomeState } from './rules.ts';
import { casesWithPlan, needRecord, needsOf, programmeConsents } from './store.ts';

export const SUPPORTING_FAMILIES_MANAGERS: readonly Role[] = ['team_manager', 'senior_practitioner'];

function eligibleCases(db: Reader) {
  return db
    .selectFrom('cases')
    .innerJoin('referrals', 'referrals.id', 'cases.referral_id')
    .innerJoin('children', 'children.id', 'cases.child_id')
    .innerJoin('schools', 'schools.urn', 'cases.school_urn')
    .innerJoin('users as lead', 'lead.id', 'cases.practitioner_id')
    .select([
      'cases.id',
      'cases.status',
      'cases.assessment_completed_on',
      'referrals.reference',
      'children.first_name',
      'children.last_name',
      'schools.name as school_name',
      'lead.name as lead_name',
    ])
    .where('cases.id', 'in', (eb) =>
      eb
        .selectFrom('case_supporting_families')
        .select('case_id')
        .groupBy('case_id')
        .having((h) => h.fn.countAll(), '>=', NEEDS_FOR_ELIGIBILITY),
    )
    .orderBy('referrals.reference')
    .orderBy('cases.id')
    .execute();
}

async function familiesMeetingCriteria(db: Reader, today: string) {
  const cases = await eligibleCases(db);
  const ids = cases.map((kase) => kase.id);
  const [needs, consents, plans, sustainedMonths] = await Promise.all([
    needsOf(db, ids),
    programmeConsents(db, ids, today),
    casesWithPlan(db, ids),
    readSetting(db, 'supporting-families-sustained-months'),
  ]);
  return cases.map((kase) => {
    const rows = needs.filter((need) => need.case_id === kase.id);
    const records = rows.map(needRecord);
    const consent = consents.get(kase.id)!;
    const claim = claimReadiness({
      needs: records,
      consent,
      assessmentComplete: kase.assessment_completed_on !== null,
      planExists: plans.has(kase.id),
      today,
      sustainedMonths,
    });
    return {
      ...kase,
      needs: eligibility(records).count,
      needLabels: rows.map((row) => outcomeLabel(row.outcome)),
      achieved: records.filter((record) => outcomeState(record, today, sustainedMonths).state !== 'not-achieved')
        .length,
      sustained: records.filter((record) => outcomeState(record, today, sustainedMonths).state === 'sustained').length,
      consent,
      claim,
    };
  });
}

export type FamilyRow = Awaited<ReturnType<typeof familiesMeetingCriteria>>[number];

const STATUS_NAMES: Record<string, string> = { open: 'Open', 'closure-proposed': 'Closure proposed', closed: 'Closed' };

const HEADER = [
  'Case reference',
  'Case status',
  'School',
  'Lead professional',
  'Headline needs identified',
  'Needs',
  'Outcomes achieved',
  'Outcomes sustained',
  'Ready to claim',
  'Not ready because',
];

export function supportingFamiliesList(db: Db, clock: Clock) {
  return {
    async list(actor: Actor) {
      return db.transaction().execute(async (trx) => {
        const families = await familiesMeetingCriteria(trx, clock.today());
        await audit(trx, actor, {
          action: 'view',
          recordType: 'supporting-families',
          details: { cases: families.length },
        });
        return families;
      });
    },

    /** The families who consented to share with the programme, as a table for a claim; audited as an export. */
    async exportTable(actor: Actor) {
      return db.transaction().execute(async (trx) => {
        const today = clock.today();
        const families = (await familiesMeetingCriteria(trx, today)).filter((family) => family.consent.inForce);
        const rows: Cell[][] = families.map((family) => [
          family.reference,
          STATUS_NAMES[family.status] ?? family.status,
          family.school_name,
          family.lead_name,
          family.needLabels.join('; '),
          family.needs,
          family.achieved,
          family.sustained,
          family.claim.ready ? 'Yes' : 'No',
          family.claim.reasons.join('; '),
        ]);
        await audit(trx, actor, {
          action: 'export',
          recordType: 'supporting-families',
          details: { format: 'csv', rows: rows.length },
        });
        return { filename: `supporting-families-${today}`, header: HEADER, rows, asOf: formatIsoDate(today) };
      });
    },
  };
}
