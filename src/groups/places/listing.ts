/**
 * A programme's places in the sections of its page: confirmed (of the capacity), awaiting
 * confirmation, the waiting list (longest waiting first) and declined or withdrawn. A school user
 * sees the details of the places with a child at one of their schools and counts for the rest.
 */
import type { DbOrTrx } from '../../db/connection.ts';
import { schoolName } from '../../schools/service.ts';
import type { PlaceStatus } from '../schema.ts';
import { longestWaiting, maySeePlace, participantLabel, STATUS_NAMES, type Viewer } from './rules.ts';

export interface PlaceChild {
  urn: number;
  schoolName: string;
  child_name: string | null;
  upn: string | null;
  year_group: string | null;
}

export interface PlaceRow {
  id: number;
  /** The participant's number on the programme (places in the order they were made). */
  number: number;
  status: PlaceStatus;
  urn: number;
  schoolName: string;
  case_id: number | null;
  parent_name: string | null;
  parent_contact: string | null;
  consent_by: string | null;
  consent_on: string | null;
  consent_withdrawn_at: Date | null;
  waiting_since: Date | null;
  nominated_at: Date;
  children: PlaceChild[];
  attended: number;
}

/** Every place on a programme with its children and sessions attended, in the order made. */
export async function placesOf(db: DbOrTrx, programmeId: number): Promise<PlaceRow[]> {
  const places = await db
    .selectFrom('group_places as p')
    .innerJoin('schools as s', 's.urn', 'p.urn')
    .select([
      'p.id',
      'p.status',
      'p.urn',
      's.name as school_name',
      'p.case_id',
      'p.parent_name',
      'p.parent_contact',
      'p.consent_by',
      'p.consent_on',
      'p.consent_withdrawn_at',
      'p.waiting_since',
      'p.nominated_at',
    ])
    .select((eb) =>
      eb
        .selectFrom('group_attendance as a')
        .select(eb.fn.countAll<number>().as('n'))
        .whereRef('a.place_id', '=', 'p.id')
        .where('a.status', '=', 'attended')
        .as('attended'),
    )
    .where('p.programme_id', '=', programmeId)
    .orderBy('p.id')
    .execute();
  const children = places.length
    ? await db
        .selectFrom('group_place_children as c')
        .innerJoin('schools as s', 's.urn', 'c.urn')
        .select(['c.place_id', 'c.urn', 's.name as school_name', 'c.child_name', 'c.upn', 'c.year_group'])
        .where(
          'c.place_id',
          'in',
          places.map((place) => place.id),
        )
        .orderBy('c.id')
        .execute()
    : [];
  return places.map((place, i) => ({
    id: place.id,
    number: i + 1,
    status: place.status,
    urn: place.urn,
    schoolName: schoolName({ urn: place.urn, name: place.school_name }),
    case_id: place.case_id,
    parent_name: place.parent_name,
    parent_contact: place.parent_contact,
    consent_by: place.consent_by,
    consent_on: place.consent_on,
    consent_withdrawn_at: place.consent_withdrawn_at,
    waiting_since: place.waiting_since,
    nominated_at: place.nominated_at,
    attended: Number(place.attended ?? 0),
    children: children
      .filter((child) => child.place_id === place.id)
      .map((child) => ({
        urn: child.urn,
        schoolName: schoolName({ urn: child.urn, name: child.school_name }),
        child_name: child.child_name,
        upn: child.upn,
        year_group: child.year_group,
      })),
  }));
}

export interface ShownPlace extends PlaceRow {
  label: string;
  statusName: string;
  /** Children at another school than the viewer's, counted rather than named. */
  otherChildren: number;
}

export interface PlaceSection {
  key: 'confirmed' | 'nominated' | 'waiting' | 'closed';
  heading: string;
  count: number;
  rows: ShownPlace[];
  /** Places in the section the viewer sees only as a count. */
  hidden: number;
}

function order(status: PlaceRow['status'], places: PlaceRow[]): PlaceRow[] {
  if (status !== 'waiting') return places;
  const left = [...places];
  const ordered: PlaceRow[] = [];
  for (let next = longestWaiting(left); next; next = longestWaiting(left)) {
    ordered.push(next);
    left.splice(left.indexOf(next), 1);
  }
  return ordered;
}

/** The places in sections, with the details the viewer may see. */
export function placeSections(places: PlaceRow[], kind: string, capacity: number, viewer: Viewer): PlaceSection[] {
  const groups: { key: PlaceSection['key']; statuses: PlaceStatus[]; heading: (n: number) => string }[] = [
    { key: 'confirmed', statuses: ['confirmed'], heading: (n) => `Confirmed (${n} of ${capacity})` },
    { key: 'nominated', statuses: ['nominated'], heading: (n) => `Awaiting confirmation (${n})` },
    { key: 'waiting', statuses: ['waiting'], heading: (n) => `Waiting list (${n})` },
    { key: 'closed', statuses: ['declined', 'withdrawn'], heading: (n) => `Declined or withdrawn (${n})` },
  ];
  return groups.map((group) => {
    const inGroup = order(
      group.statuses[0],
      places.filter((place) => group.statuses.includes(place.status)),
    );
    const seen = inGroup.filter((place) => maySeePlace(viewer, place));
    const rows = seen.map((place) => {
      const children = viewer.seesAll
        ? place.children
        : place.children.filter((child) => viewer.schoolUrns.includes(child.urn));
      return {
        ...place,
        children,
        otherChildren: place.children.length - children.length,
        label: participantLabel(place, kind),
        statusName: STATUS_NAMES[place.status],
      };
    });
    return {
      key: group.key,
      heading: group.heading(inGroup.length),
      count: inGroup.length,
      rows,
      hidden: inGroup.length - seen.length,
    };
  });
}
