import { describe, expect, it } from 'vitest';
import {
  bookingFor,
  closedReason,
  confirmedOrWaiting,
  isPhoneOrEmail,
  longestWaiting,
  maySeePlace,
  participantLabel,
  sameParent,
  type BookingFacts,
} from './rules.ts';

const facts: BookingFacts = {
  inCluster: true,
  openToAll: true,
  confirmed: 3,
  capacity: 10,
  schoolName: 'Mead Primary School',
  clusterName: 'Rainham',
};

describe('who may book a parent group (Havering SEMH Team proposal: "All schools … will also have access to parenting groups")', () => {
  it('a school in the cluster books while places are left, and joins the waiting list when full', () => {
    expect(bookingFor(facts)).toEqual({ kind: 'nominate' });
    expect(bookingFor({ ...facts, confirmed: 10 })).toEqual({ kind: 'wait' });
  });

  it('another school books only while places are left', () => {
    expect(bookingFor({ ...facts, inCluster: false })).toEqual({ kind: 'nominate' });
    expect(bookingFor({ ...facts, inCluster: false, confirmed: 10 })).toEqual({
      kind: 'refuse',
      message:
        'This group is full. Mead Primary School is not in the Rainham cluster, and only schools in the cluster can join the waiting list',
    });
  });

  it('another school cannot book a group kept for the cluster', () => {
    expect(bookingFor({ ...facts, inCluster: false, openToAll: false })).toMatchObject({
      kind: 'refuse',
      message: 'Mead Primary School is not in the Rainham cluster, and this group is only for schools in the cluster',
    });
  });

  it('confirms while there is room, otherwise puts the place on the waiting list', () => {
    expect(confirmedOrWaiting(9, 10)).toBe('confirmed');
    expect(confirmedOrWaiting(10, 10)).toBe('waiting');
  });
});

describe('nominations close', () => {
  it('when the programme is cancelled or its last session has passed', () => {
    expect(closedReason({ status: 'cancelled', lastSession: '2027-02-08' }, '2027-01-01')).toBe(
      'This programme has been cancelled, so no more nominations can be made',
    );
    expect(closedReason({ status: 'open', lastSession: '2026-02-09' }, '2026-02-10')).toBe(
      'This programme’s last session was on 9 February 2026, so no more nominations can be made',
    );
    expect(closedReason({ status: 'open', lastSession: '2026-02-10' }, '2026-02-10')).toBeUndefined();
  });
});

describe('a parent with children at two schools has one place', () => {
  it('matches the same name and contact whatever the case and spacing', () => {
    expect(
      sameParent({ name: ' sam  JONES ', contact: '07700 900123' }, { name: 'Sam Jones', contact: '07700900123' }),
    ).toBe(true);
    expect(
      sameParent({ name: 'Sam Jones', contact: 'Sam@Example.com ' }, { name: 'Sam Jones', contact: 'sam@example.com' }),
    ).toBe(true);
    expect(
      sameParent({ name: 'Sam Jones', contact: '07700 900123' }, { name: 'Sam Jones', contact: '07700 900124' }),
    ).toBe(false);
    expect(sameParent({ name: 'Sam Jones', contact: '07700 900123' }, { name: null, contact: null })).toBe(false);
  });
});

describe('the waiting list', () => {
  it('gives a freed place to the longest waiting', () => {
    const at = (iso: string) => new Date(iso);
    const waiting = [
      { id: 5, waiting_since: at('2027-01-03T10:00:00Z') },
      { id: 2, waiting_since: at('2027-01-02T10:00:00Z') },
      { id: 3, waiting_since: at('2027-01-02T10:00:00Z') },
    ];
    expect(longestWaiting(waiting)?.id).toBe(2);
    expect(longestWaiting([])).toBeUndefined();
  });
});

describe('what a viewer sees', () => {
  const place = { urn: 102322, children: [{ urn: 102322 }, { urn: 102317 }] };

  it('a school user sees the places with a child at their school; staff see every place', () => {
    expect(maySeePlace({ seesAll: false, schoolUrns: [102317] }, place)).toBe(true);
    expect(maySeePlace({ seesAll: false, schoolUrns: [102319] }, place)).toBe(false);
    expect(maySeePlace({ seesAll: true, schoolUrns: [] }, place)).toBe(true);
  });

  it('shows a participant who withdrew consent by number only', () => {
    const base = {
      number: 3,
      parent_name: 'Sam Jones',
      consent_withdrawn_at: null,
      children: [{ child_name: 'Alex Jones' }],
    };
    expect(participantLabel(base, 'parent-group')).toBe('Sam Jones');
    expect(participantLabel(base, 'small-group')).toBe('Alex Jones');
    expect(participantLabel({ ...base, parent_name: null, consent_withdrawn_at: new Date() }, 'parent-group')).toBe(
      'Participant 3 (consent withdrawn)',
    );
  });

  it('takes a phone number or an email address as the contact', () => {
    expect(isPhoneOrEmail('07700 900123')).toBe(true);
    expect(isPhoneOrEmail('+44 7700 900123')).toBe(true);
    expect(isPhoneOrEmail('sam@example.com')).toBe(true);
    expect(isPhoneOrEmail('0770')).toBe(false);
    expect(isPhoneOrEmail('sam at example')).toBe(false);
  });
});
