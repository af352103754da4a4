/**
 * Places on a group (Havering SEMH Team proposal: "All schools, regardless of their vulnerability data,
 * will also have access to parenting groups"; groups are "managed and organised by the Senior
 * SSFP, in liaison with each school"): who may book, the waiting list when full, one place for a
 * parent with children at two schools, and what a viewer may see. Pure functions.
 */
import type { PlaceStatus } from '../schema.ts';
import type { PlaceRow } from '../programmes/repository.ts';
import { formatIsoDate } from '../../platform/date-input.ts';

/** Places that hold or wait for a place: a parent or child here has a place on the programme. */
export const ACTIVE_STATUSES: readonly PlaceStatus[] = ['nominated', 'confirmed', 'waiting'];

export const STATUS_NAMES: Record<PlaceStatus, string> = {
  nominated: 'Awaiting confirmation',
  confirmed: 'Confirmed',
  waiting: 'Waiting list',
  declined: 'Declined',
  withdrawn: 'Withdrawn',
};

export type Booking = { kind: 'nominate' } | { kind: 'wait' } | { kind: 'refuse'; message: string };

export interface BookingFacts {
  /** The school is in the programme's cluster on the first session's date. */
  inCluster: boolean;
  openToAll: boolean;
  confirmed: number;
  capacity: number;
  schoolName: string;
  clusterName: string;
}

/**
 * Whether a school may book a parent group: a school in the cluster always may (onto the waiting
 * list when the group is full); another school only while places are left and the programme is
 * open to all schools.
 */
export function bookingFor(facts: BookingFacts): Booking {
  const full = facts.confirmed >= facts.capacity;
  if (facts.inCluster) return full ? { kind: 'wait' } : { kind: 'nominate' };
  if (!facts.openToAll) {
    return {
      kind: 'refuse',
      message: `${facts.schoolName} is not in the ${facts.clusterName} cluster, and this group is only for schools in the cluster`,
    };
  }
  if (full) {
    return {
      kind: 'refuse',
      message: `This group is full. ${facts.schoolName} is not in the ${facts.clusterName} cluster, and only schools in the cluster can join the waiting list`,
    };
  }
  return { kind: 'nominate' };
}

/** Confirming a place: confirmed while there is room, otherwise onto the waiting list. */
export const confirmedOrWaiting = (confirmed: number, capacity: number): 'confirmed' | 'waiting' =>
  confirmed < capacity ? 'confirmed' : 'waiting';

/** Why no more nominations can be made, or undefined while they can. */
export function closedReason(
  programme: { status: string; lastSession: string | null },
  today: string,
): string | undefined {
  if (programme.status === 'cancelled') return 'This programme has been cancelled, so no more nominations can be made';
  if (programme.lastSession && programme.lastSession < today) {
    return `This programme’s last session was on ${formatIsoDate(programme.lastSession)}, so no more nominations can be made`;
  }
  return undefined;
}

const normalName = (text: string) => text.trim().replace(/\s+/g, ' ').toLowerCase();
const normalContact = (text: string) => text.replace(/\s+/g, '').toLowerCase();

/** The same parent: the same name and contact, ignoring case and spaces. */
export function sameParent(
  a: { name: string; contact: string },
  b: { name: string | null; contact: string | null },
): boolean {
  if (b.name === null || b.contact === null) return false;
  return normalName(a.name) === normalName(b.name) && normalContact(a.contact) === normalContact(b.contact);
}

/** The longest-waiting place: the earliest to join the waiting list (then the earliest made). */
export function longestWaiting<T extends { id: number; waiting_since: Date | null }>(
  waiting: readonly T[],
): T | undefined {
  const time = (place: T) => place.waiting_since?.getTime() ?? Number.MAX_SAFE_INTEGER;
  return [...waiting].sort((a, b) => time(a) - time(b) || a.id - b.id)[0];
}

/** A place's participant: the parent (parent groups) or the child (small groups), or a number once consent is withdrawn. */
export function participantLabel(
  place: {
    number: number;
    parent_name: string | null;
    consent_withdrawn_at: Date | null;
    children: readonly { child_name: string | null }[];
  },
  kind: string,
): string {
  if (place.consent_withdrawn_at) return `Participant ${place.number} (consent withdrawn)`;
  const name = kind === 'small-group' ? place.children[0]?.child_name : place.parent_name;
  return name ?? `Participant ${place.number}`;
}

/** Who is looking: staff see every place; a school user sees the places with a child at one of their schools. */
export interface Viewer {
  seesAll: boolean;
  schoolUrns: readonly number[];
}

export function maySeePlace(viewer: Viewer, place: { urn: number; children: readonly { urn: number }[] }): boolean {
  return (
    viewer.seesAll ||
    viewer.schoolUrns.includes(place.urn) ||
    place.children.some((child) => viewer.schoolUrns.includes(child.urn))
  );
}

export const PHONE_OR_EMAIL = /^(?:\+?[0-9][0-9 ()-]{8,18}[0-9]|[^\s@]+@[^\s@]+\.[^\s@]+)$/;

/** A contact is a phone number (10 to 13 digits) or an email address. */
export function isPhoneOrEmail(text: string): boolean {
  const value = text.trim();
  if (value.includes('@')) return PHONE_OR_EMAIL.test(value);
  const digits = value.replace(/\D/g, '').length;
  return PHONE_OR_EMAIL.test(value) && digits >= 10 && digits <= 13;
}

/*
 * A programme's places in the sections of its page: confirmed (of the capacity), awaiting
 * confirmation, the waiting list (longest waiting first) and declined or withdrawn. A school user
 * sees the details of the places with a child at one of their schools and counts for the rest.
 */

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
