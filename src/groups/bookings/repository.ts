/**
 * What booking from a case reads: the case's school, the group places made for it with the
 * sessions attended and held, the parent groups still open to book, and the carer to book.
 */
import type { DbOrTrx } from '../../db/connection.ts';

/** The case's id and the school the child attends; undefined when there is no such case. */
export function caseSchool(db: DbOrTrx, caseId: number) {
  return db.selectFrom('cases').select(['id', 'school_urn']).where('id', '=', caseId).executeTakeFirst();
}

/** The case's group places, newest first, with sessions attended and sessions held up to today. */
export function placesOfCase(db: DbOrTrx, caseId: number, today: string) {
  return db
    .selectFrom('group_places as p')
    .innerJoin('group_programmes as g', 'g.id', 'p.programme_id')
    .select(['p.id', 'p.status', 'g.id as programme_id', 'g.name', 'g.term_name', 'g.academic_year'])
    .select((eb) => [
      eb
        .selectFrom('group_attendance as a')
        .select(eb.fn.countAll<number>().as('n'))
        .whereRef('a.place_id', '=', 'p.id')
        .where('a.status', '=', 'attended')
        .as('attended'),
      eb
        .selectFrom('group_sessions as s')
        .select(eb.fn.countAll<number>().as('n'))
        .whereRef('s.programme_id', '=', 'g.id')
        .where('s.held_on', '<=', today)
        .as('held'),
    ])
    .where('p.case_id', '=', caseId)
    .orderBy('p.nominated_at', 'desc')
    .execute();
}

/** The open parent groups of the academic year whose last session is today or later, in id order. */
export function openParentGroups(db: DbOrTrx, academicYear: string, today: string) {
  return db
    .selectFrom('group_programmes as g')
    .select('g.id')
    .where('g.kind', '=', 'parent-group')
    .where('g.status', '=', 'open')
    .where('g.academic_year', '=', academicYear)
    .where((eb) =>
      eb(
        eb
          .selectFrom('group_sessions as s')
          .select((s) => s.fn.max('held_on').as('d'))
          .whereRef('s.programme_id', '=', 'g.id'),
        '>=',
        today,
      ),
    )
    .orderBy('g.id')
    .execute();
}

/** The child's carer with parental responsibility to book, one with a phone number first. */
export function carerToBook(db: DbOrTrx, childId: number) {
  return db
    .selectFrom('carers')
    .select(['name', 'phone'])
    .where('child_id', '=', childId)
    .where('has_parental_responsibility', '=', true)
    .orderBy((eb) => eb.case().when('phone', 'is', null).then(1).else(0).end())
    .orderBy('id')
    .executeTakeFirst();
}
