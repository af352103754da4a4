/**
 * A programme's page: its details, sessions and places. Staff see every place's details; a
 * school user sees the details of places with a child at one of their schools and counts for the
 * rest. A read that shows personal details is audited.
 */
import type { Db } from '../../db/connection.ts';
import { audit, type Actor } from '../../platform/audit/audit.ts';
import type { CurrentUser } from '../../platform/roles.ts';
import { isOrganiser, isSchoolOnly, NOMINATORS } from '../access.ts';
import { placeSections, placesOf } from '../places/listing.ts';
import { closedReason } from '../places/rules.ts';
import { programmeFacts } from '../places/service.ts';
import { KIND_NAMES } from './form.ts';
import { PROGRAMME_RECORD } from './service.ts';
import { dayAndDate } from './sessions.ts';

export async function programmePage(db: Db, actor: Actor, user: CurrentUser, id: number, today: string) {
  return db.transaction().execute(async (trx) => {
    const programme = await programmeFacts(trx, id);
    if (!programme) return undefined;
    const details = await trx
      .selectFrom('group_programmes')
      .select(['focus', 'venue', 'measure_name', 'created_at'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    const facilitators = await trx
      .selectFrom('group_facilitators as f')
      .innerJoin('users as u', 'u.id', 'f.user_id')
      .select('u.name')
      .where('f.programme_id', '=', id)
      .orderBy('u.name')
      .execute();
    const sessions = await trx
      .selectFrom('group_sessions')
      .select(['id', 'held_on'])
      .where('programme_id', '=', id)
      .orderBy('held_on')
      .execute();
    const places = await placesOf(trx, id);
    const organiser = isOrganiser(user);
    const sections = placeSections(places, programme.kind, programme.capacity, {
      seesAll: !isSchoolOnly(user),
      schoolUrns: user.schoolUrns,
    }).map((section) => ({
      ...section,
      rows: section.rows.map((row) => ({
        ...row,
        mayWithdrawConsent: !row.consent_withdrawn_at && (organiser || user.schoolUrns.includes(row.urn)),
      })),
    }));
    const shown = sections.reduce((n, section) => n + section.rows.length, 0);
    if (shown > 0)
      await audit(trx, actor, {
        action: 'view',
        recordType: PROGRAMME_RECORD,
        recordId: id,
        details: { placesShown: shown },
      });
    const closed = closedReason(programme, today);
    const nominator = user.roles.some((role) => (NOMINATORS as readonly string[]).includes(role));
    const ownSchool = programme.kind === 'parent-group' || organiser || user.schoolUrns.includes(programme.urn!);
    return {
      programme: {
        ...programme,
        ...details,
        kindName: KIND_NAMES[programme.kind],
        facilitators: facilitators.map((f) => f.name),
      },
      sessions: sessions.map((session, i) => ({
        id: session.id,
        number: i + 1,
        heldOn: session.held_on,
        day: dayAndDate(session.held_on),
        past: session.held_on < today,
      })),
      sections,
      organiser,
      closed,
      mayNominate: nominator && !closed && ownSchool,
      mayCancel: organiser && programme.status === 'open',
    };
  });
}
