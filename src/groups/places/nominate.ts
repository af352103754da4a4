/**
 * Nominating for a place [issue 9]: a school nominates a parent at one of its schools for a parent
 * group, or a child on its roll for its small group; the senior practitioner may nominate for any
 * school. Bad input and refusals are shown on the form with nothing saved.
 */
import type { Db } from '../../db/connection.ts';
import { audit, type Actor } from '../../platform/audit/audit.ts';
import type { CurrentUser } from '../../platform/roles.ts';
import type { ErrorItem, FieldErrors } from '../../platform/validation.ts';
import { schoolName } from '../../schools/service.ts';
import { isOrganiser } from '../access.ts';
import { readChildNomination, readParentNomination } from './forms.ts';
import { closedReason } from './rules.ts';
import { placeChild, placeParent, programmeFacts, type ProgrammeFacts } from './service.ts';

const PROGRAMME_RECORD = 'group-programme';

export type Nominated =
  | { kind: 'saved'; programmeId: number; message: string }
  | { kind: 'invalid'; errors: ErrorItem[]; fieldErrors: FieldErrors }
  | { kind: 'not-found' };

const refusal = (field: string, message: string): Nominated => ({
  kind: 'invalid',
  errors: [{ text: message, href: `#${field}` }],
  fieldErrors: { [field]: { text: message } },
});

/** Why this user cannot nominate for the programme now, or undefined when they can. */
function cannotNominate(user: CurrentUser, programme: ProgrammeFacts, today: string): string | undefined {
  const closed = closedReason(programme, today);
  if (closed) return closed;
  if (programme.kind === 'small-group' && !isOrganiser(user) && !user.schoolUrns.includes(programme.urn!)) {
    return `Only ${programme.schoolName} can nominate children for this small group`;
  }
  return undefined;
}

export function nominationService(db: Db) {
  /** The schools a nominator may choose: their own, or any authority school for the senior practitioner. */
  async function schoolChoices(user: CurrentUser) {
    let query = db.selectFrom('schools').select(['urn', 'name']);
    if (!isOrganiser(user)) query = query.where('urn', 'in', user.schoolUrns.length ? user.schoolUrns : [-1]);
    const rows = await query.orderBy('name').orderBy('urn').execute();
    return rows.map((row) => ({ urn: row.urn, name: schoolName(row) }));
  }

  /** The small group school's pupils on roll for the programme's year. */
  function roll(programme: ProgrammeFacts) {
    return db
      .selectFrom('pupil_roll')
      .select(['upn', 'first_name', 'last_name', 'year_group'])
      .where('academic_year', '=', programme.academic_year)
      .where('urn', '=', programme.urn ?? -1)
      .orderBy('last_name')
      .orderBy('first_name')
      .execute();
  }

  return {
    /** The form: the programme, why nominations cannot be made (if so), and the choices. */
    async form(actor: Actor, user: CurrentUser, programmeId: number, today: string) {
      const programme = await programmeFacts(db, programmeId);
      if (!programme) return undefined;
      const closed = cannotNominate(user, programme, today);
      if (closed) return { programme, closed, schools: [], pupils: [] };
      if (programme.kind === 'parent-group')
        return { programme, closed, schools: await schoolChoices(user), pupils: [] };
      const pupils = (await roll(programme)).map((pupil) => ({
        upn: pupil.upn,
        text: `${pupil.first_name} ${pupil.last_name} (Year ${pupil.year_group}, ${pupil.upn})`,
      }));
      // The school's roll is personal data: its read is audited.
      await audit(db, actor, {
        action: 'view roll',
        recordType: PROGRAMME_RECORD,
        recordId: programmeId,
        details: { urn: programme.urn, pupilsShown: pupils.length },
      });
      return { programme, closed, schools: [], pupils };
    },

    async nominate(
      actor: Actor,
      user: CurrentUser,
      programmeId: number,
      body: unknown,
      today: string,
    ): Promise<Nominated> {
      const programme = await programmeFacts(db, programmeId);
      if (!programme) return { kind: 'not-found' };
      const closed = cannotNominate(user, programme, today);
      if (closed) return refusal('form', closed);

      if (programme.kind === 'parent-group') {
        const form = readParentNomination(
          body,
          (await schoolChoices(user)).map((school) => school.urn),
        );
        if (!form.ok) return { kind: 'invalid', errors: form.errors, fieldErrors: form.fieldErrors };
        const placed = await db.transaction().execute(async (trx) => {
          const locked = (await programmeFacts(trx, programmeId, true))!;
          return placeParent(trx, actor, locked, { ...form.data, caseId: null }, today);
        });
        return placed.kind === 'refused'
          ? refusal('urn', placed.message)
          : { kind: 'saved', programmeId, message: placed.message };
      }

      const form = readChildNomination(body, today);
      if (!form.ok) return { kind: 'invalid', errors: form.errors, fieldErrors: form.fieldErrors };
      const pupil = (await roll(programme)).find((row) => row.upn === form.data.upn);
      if (!pupil) return refusal('upn', `Select a child on ${programme.schoolName}’s roll`);
      const placed = await db.transaction().execute(async (trx) => {
        const locked = (await programmeFacts(trx, programmeId, true))!;
        const who = {
          urn: programme.urn!,
          upn: pupil.upn,
          childName: `${pupil.first_name} ${pupil.last_name}`,
          yearGroup: pupil.year_group,
          consentBy: form.data.consentBy,
          consentOn: form.data.consentOn,
        };
        return placeChild(trx, actor, locked, who, today);
      });
      return placed.kind === 'refused'
        ? refusal('upn', placed.message)
        : { kind: 'saved', programmeId, message: placed.message };
    },
  };
}
