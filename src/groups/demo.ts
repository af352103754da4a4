// The demo borough's groups for the current school year (Havering SEMH Team proposal): the schools in six
// clusters by area (an illustrative grouping, not the authority's), the rotation of the clusters
// over the six half terms, two parent groups with their registers and pre/post scores (one
// booked from a case), and small groups for children at two of the most vulnerable schools.
import type { Insertable, Transaction } from 'kysely';
import type { GroupProgrammesTable } from './schema.ts';
import type { Database } from '../db/schema.ts';
import { randomSource } from '../demo/people.ts';
import { isTermTime, addCalendarDays, dayOfWeek, type Calendar } from '../platform/calendar/calendar.ts';
import { groupYearOf } from './rules.ts';
import { halfTermsOf } from './repository.ts';

type Trx = Transaction<Database>;
type Rng = ReturnType<typeof randomSource>;

/** The demo clusters: every one of the borough's 83 schools in one of six clusters by area (illustrative). */
export const DEMO_CLUSTERS: { name: string; urns: number[] }[] = [
  {
    name: 'Harold Hill and Harold Wood',
    urns: [
      102317, 102325, 102322, 142966, 140818, 141549, 141577, 102333, 102332, 140022, 102278, 102269, 136090, 137396,
    ],
  },
  {
    name: 'Romford and Gidea Park',
    urns: [102308, 102304, 102303, 102300, 102299, 102328, 145944, 143877, 102336, 102330, 137233, 102329, 142050],
  },
  {
    name: 'Collier Row and Rise Park',
    urns: [102291, 135812, 141299, 141173, 131426, 102295, 102294, 102319, 137040, 139307, 146185, 102331],
  },
  {
    name: 'Hornchurch and Emerson Park',
    urns: [102271, 102270, 102321, 131590, 102309, 102313, 102276, 102280, 139406, 137414, 143946, 136600, 102334],
  },
  {
    name: 'Elm Park and South Hornchurch',
    urns: [102272, 135588, 102312, 145111, 102316, 102283, 102285, 144596, 143216, 136663, 136576, 143130, 142885],
  },
  {
    name: 'Rainham, Upminster and Cranham',
    urns: [
      102324, 102314, 132766, 146136, 102268, 144589, 144590, 138943, 138944, 102335, 143428, 137197, 144095, 146309,
      138326, 144094, 102362, 142722,
    ],
  },
];

const PARENT_FIRST_NAMES = [
  'Sarah',
  'Daniel',
  'Fatima',
  'Michael',
  'Joanne',
  'Emeka',
  'Agnieszka',
  'Paul',
  'Rukhsana',
  'Lee',
  'Tanya',
  'Marcus',
  'Chloe',
  'Adebayo',
];

interface Staff {
  seniorId: number;
  practitionerId: number;
}

/** Weekly dates from `first` for `count` weeks that are school days in term time (holidays skipped). */
function weeklyTermDates(first: string, count: number, endsOn: string, cal: Calendar): string[] {
  const dates: string[] = [];
  for (let date = first; dates.length < count && date <= endsOn; date = addCalendarDays(date, 7)) {
    if (isTermTime(date, cal)) dates.push(date);
  }
  return dates;
}

/** The first given weekday (1 = Monday) on or after a date. */
function firstWeekday(from: string, weekday: number): string {
  return addCalendarDays(from, (weekday - dayOfWeek(from) + 7) % 7);
}

export async function groupsDemo(
  trx: Trx,
  { now, today, cal, staff }: { now: Date; today: string; cal: Calendar; staff: Staff },
) {
  const year = groupYearOf(today);
  const halfTerms = await halfTermsOf(trx, year);
  if (halfTerms.length === 0) return;
  const known = new Set((await trx.selectFrom('schools').select('urn').execute()).map((row) => row.urn));
  const rng = randomSource(909);
  const clusterIds: number[] = [];
  for (const cluster of DEMO_CLUSTERS) {
    const { id } = await trx
      .insertInto('group_clusters')
      .values({ academic_year: year, name: cluster.name, created_by: staff.seniorId })
      .returning('id')
      .executeTakeFirstOrThrow();
    clusterIds.push(id);
    const urns = cluster.urns.filter((urn) => known.has(urn));
    if (urns.length)
      await trx
        .insertInto('group_cluster_schools')
        .values(
          urns.map((urn) => ({
            cluster_id: id,
            academic_year: year,
            urn,
            joined_on: halfTerms[0].startsOn,
            changed_by: staff.seniorId,
          })),
        )
        .execute();
  }
  await trx
    .insertInto('group_rotation')
    .values(
      clusterIds.slice(0, halfTerms.length).map((clusterId, index) => ({
        academic_year: year,
        position: index + 1,
        cluster_id: clusterId,
        term_name: halfTerms[index].name,
        starts_on: halfTerms[index].startsOn,
        ends_on: halfTerms[index].endsOn,
        created_by: staff.seniorId,
      })),
    )
    .execute();

  const parentGroups = [
    {
      half: 0,
      name: 'Triple P Group (Positive Parenting Programme)',
      venue: 'Broadford Primary School, community room',
      weekday: 3,
    },
    { half: 1, name: 'Incredible Years parenting group', venue: 'Romford Library, meeting room 2', weekday: 2 },
  ];
  for (const group of parentGroups) {
    const half = halfTerms[group.half];
    if (!half) continue;
    const clusterId = clusterIds[group.half];
    const programmeId = await programme(
      trx,
      staff,
      {
        kind: 'parent-group',
        academic_year: year,
        term_name: half.name,
        cluster_id: clusterId,
        name: group.name,
        venue: group.venue,
        capacity: 10,
        measure_name: 'Warwick-Edinburgh Mental Wellbeing Scale (WEMWBS)',
      },
      weeklyTermDates(firstWeekday(addCalendarDays(half.startsOn, 7), group.weekday), 6, half.endsOn, cal),
    );
    const urns = DEMO_CLUSTERS[group.half].urns.filter((urn) => known.has(urn));
    await parentPlaces(trx, rng, { programmeId, year, urns, staff, now, today, withCase: group.half === 0 });
  }

  const smallGroupSchools = await planSmallGroupSchools(trx, year);
  const smallGroups = [
    { focus: 'Emotional regulation', name: 'Zones of Regulation small group' },
    { focus: 'Friendships and social skills', name: 'Lego-based therapy small group' },
  ];
  for (const [index, urn] of smallGroupSchools.slice(0, smallGroups.length).entries()) {
    const half = halfTerms[1] ?? halfTerms[0];
    const programmeId = await programme(
      trx,
      staff,
      {
        kind: 'small-group',
        academic_year: year,
        term_name: half.name,
        urn,
        focus: smallGroups[index].focus,
        name: smallGroups[index].name,
        venue: 'School nurture room',
        capacity: 6,
        open_to_all: false,
        measure_name: 'Stirling Children’s Wellbeing Scale',
      },
      weeklyTermDates(firstWeekday(half.startsOn, 4), 6, half.endsOn, cal),
    );
    await childPlaces(trx, rng, { programmeId, year, urn, staff, now, today });
  }
}

/** The year's approved plan's small-group schools, most vulnerable first; the demo school first when it is one. */
async function planSmallGroupSchools(trx: Trx, year: string): Promise<number[]> {
  const plan = await trx
    .selectFrom('allocation_plans')
    .select('rows')
    .where('academic_year', '=', year)
    .where('status', '=', 'approved')
    .executeTakeFirst();
  const rows = (plan?.rows ?? []) as unknown as { urn: number; smallGroup: boolean }[];
  const urns = rows.filter((row) => row.smallGroup).map((row) => row.urn);
  return [...urns.filter((urn) => urn === 102317), ...urns.filter((urn) => urn !== 102317)];
}

async function programme(
  trx: Trx,
  staff: Staff,
  values: Omit<Insertable<GroupProgrammesTable>, 'created_by'>,
  dates: string[],
): Promise<number> {
  const { id } = await trx
    .insertInto('group_programmes')
    .values({ ...values, created_by: staff.seniorId })
    .returning('id')
    .executeTakeFirstOrThrow();
  await trx
    .insertInto('group_facilitators')
    .values([
      { programme_id: id, user_id: staff.seniorId },
      { programme_id: id, user_id: staff.practitionerId },
    ])
    .execute();
  if (dates.length)
    await trx
      .insertInto('group_sessions')
      .values(dates.map((held_on) => ({ programme_id: id, held_on })))
      .execute();
  return id;
}

interface PlaceDemo {
  programmeId: number;
  year: string;
  staff: Staff;
  now: Date;
  today: string;
}

/** Ten parents from the cluster's schools confirmed (the group is full; one booked from an open case), one withdrawn with consent withdrawn, two waiting, one awaiting confirmation. */
async function parentPlaces(
  trx: Trx,
  rng: Rng,
  { programmeId, year, urns, staff, now, today, withCase }: PlaceDemo & { urns: number[]; withCase: boolean },
) {
  const pupils = await trx
    .selectFrom('pupil_roll')
    .select(['urn', 'upn', 'first_name', 'last_name', 'year_group'])
    .where('academic_year', '=', year)
    .where('urn', 'in', urns)
    .where('year_group', 'in', ['R', '1', '2', '3', '4', '5', '6'])
    .orderBy('upn')
    .limit(400)
    .execute();
  const chosen = Array.from({ length: 14 }, () => pupils.splice(Math.floor(rng.next() * pupils.length), 1)[0]).filter(
    Boolean,
  );
  const statuses = [
    'confirmed',
    'confirmed',
    'confirmed',
    'confirmed',
    'confirmed',
    'confirmed',
    'confirmed',
    'confirmed',
    'confirmed',
    'confirmed',
    'withdrawn',
    'waiting',
    'waiting',
    'nominated',
  ] as const;
  const caseLink = withCase ? await openCaseIn(trx, urns) : undefined;
  for (const [index, pupil] of chosen.entries()) {
    const status = statuses[index];
    const linked = index === 0 && caseLink ? caseLink : undefined;
    const withdrawn = status === 'withdrawn';
    const parentName = linked?.parent ?? `${rng.pick(PARENT_FIRST_NAMES)} ${pupil.last_name}`;
    const { id } = await trx
      .insertInto('group_places')
      .values({
        programme_id: programmeId,
        status,
        urn: linked?.urn ?? pupil.urn,
        case_id: linked?.caseId ?? null,
        parent_name: withdrawn ? null : parentName,
        parent_contact: withdrawn ? null : `07700 900${String(100 + index * 7).padStart(3, '0')}`,
        consent_to_share: true,
        consent_withdrawn_at: withdrawn ? now : null,
        nominated_by: staff.seniorId,
        waiting_since: status === 'waiting' ? now : null,
        decided_by: status === 'nominated' ? null : staff.seniorId,
        decided_at: status === 'nominated' ? null : now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await trx
      .insertInto('group_place_children')
      .values({
        place_id: id,
        urn: linked?.urn ?? pupil.urn,
        child_name: withdrawn ? null : (linked?.child ?? `${pupil.first_name} ${pupil.last_name}`),
        upn: withdrawn ? null : linked ? null : pupil.upn,
        year_group: pupil.year_group,
        added_by: staff.seniorId,
      })
      .execute();
  }
  await registers(trx, rng, programmeId, today, staff.seniorId);
}

/** An open case at one of the schools, with its carer: the family booked onto the group from the case page. */
async function openCaseIn(trx: Trx, urns: number[]) {
  const found = await trx
    .selectFrom('cases')
    .innerJoin('children', 'children.id', 'cases.child_id')
    .innerJoin('carers', 'carers.child_id', 'children.id')
    .select(['cases.id', 'cases.school_urn', 'children.first_name', 'children.last_name', 'carers.name as carer'])
    .where('cases.status', '=', 'open')
    .where('cases.school_urn', 'in', urns)
    .where('carers.has_parental_responsibility', '=', true)
    .orderBy('cases.id')
    .executeTakeFirst();
  return found
    ? { caseId: found.id, urn: found.school_urn, child: `${found.first_name} ${found.last_name}`, parent: found.carer }
    : undefined;
}

/** Six children at the school, each with a parent's consent recorded. */
async function childPlaces(
  trx: Trx,
  rng: Rng,
  { programmeId, year, urn, staff, now, today }: PlaceDemo & { urn: number },
) {
  const pupils = await trx
    .selectFrom('pupil_roll')
    .select(['upn', 'first_name', 'last_name', 'year_group'])
    .where('academic_year', '=', year)
    .where('urn', '=', urn)
    .where('year_group', 'in', ['3', '4', '5'])
    .orderBy('upn')
    .limit(60)
    .execute();
  for (let index = 0; index < 6 && pupils.length; index++) {
    const pupil = pupils.splice(Math.floor(rng.next() * pupils.length), 1)[0];
    const { id } = await trx
      .insertInto('group_places')
      .values({
        programme_id: programmeId,
        status: 'confirmed',
        urn,
        consent_by: `${rng.pick(PARENT_FIRST_NAMES)} ${pupil.last_name}`,
        consent_on: addCalendarDays(today, -30 - index),
        nominated_by: staff.seniorId,
        decided_by: staff.seniorId,
        decided_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await trx
      .insertInto('group_place_children')
      .values({
        place_id: id,
        urn,
        child_name: `${pupil.first_name} ${pupil.last_name}`,
        upn: pupil.upn,
        year_group: pupil.year_group,
        added_by: staff.seniorId,
      })
      .execute();
  }
  await registers(trx, rng, programmeId, today, staff.seniorId);
}

/** Marks for every session before today for the confirmed and withdrawn places (withdrawn ones stopped after two sessions); pre/post scores. */
async function registers(trx: Trx, rng: Rng, programmeId: number, today: string, recordedBy: number) {
  const sessions = await trx
    .selectFrom('group_sessions')
    .select(['id', 'held_on'])
    .where('programme_id', '=', programmeId)
    .orderBy('held_on')
    .execute();
  const places = await trx
    .selectFrom('group_places')
    .select(['id', 'status'])
    .where('programme_id', '=', programmeId)
    .where('status', 'in', ['confirmed', 'withdrawn'])
    .orderBy('id')
    .execute();
  const past = sessions.filter((session) => session.held_on < today);
  const marks = past.flatMap((session, index) =>
    places
      .filter((place) => place.status === 'confirmed' || index < 2)
      .map((place) => {
        const roll = rng.next();
        const status = roll < 0.8 ? 'attended' : roll < 0.92 ? 'apologies' : 'did-not-attend';
        return {
          session_id: session.id,
          place_id: place.id,
          status: status as 'attended' | 'apologies' | 'did-not-attend',
          recorded_by: recordedBy,
        };
      }),
  );
  if (marks.length) await trx.insertInto('group_attendance').values(marks).execute();
  if (past.length === 0) return;
  const finished = past.length === sessions.length;
  for (const place of places.filter((p) => p.status === 'confirmed')) {
    const pre = rng.int(30, 48);
    await trx
      .updateTable('group_places')
      .set({ pre_score: pre, post_score: finished ? pre + rng.int(-2, 9) : null })
      .where('id', '=', place.id)
      .execute();
  }
}
