import { describe, expect, it } from 'vitest';
import { validate } from '../../platform/validation.ts';
import { dateInputValues, withDateInputs } from '../../platform/date-input.ts';
import { clusterHistory, joiningDate, moveSchema, schoolsDuring, type MembershipRow } from './rules.ts';

const row = (
  clusterId: number,
  clusterName: string,
  joinedOn: string,
  leftOn: string | null,
  moveReason: string | null = null,
): MembershipRow => ({
  clusterId,
  clusterName,
  urn: 102317,
  schoolName: 'Broadford Primary School',
  joinedOn,
  leftOn,
  moveReason,
});

describe('a school’s membership of clusters through the year (a school moved mid-year keeps its history)', () => {
  const moved = [
    row(1, 'North', '2026-08-01', '2027-01-05', 'New venue'),
    row(2, 'South', '2027-01-05', null, 'New venue'),
  ];

  it('tells each cluster’s history of a move, with the date and reason', () => {
    expect(clusterHistory(1, moved).map((entry) => entry.text)).toEqual([
      'In the cluster from 1 August 2026',
      'Moved to South on 5 January 2027: New venue',
    ]);
    expect(clusterHistory(2, moved).map((entry) => entry.text)).toEqual([
      'Moved from North on 5 January 2027: New venue',
    ]);
  });

  it('tells a removal apart from a move', () => {
    expect(clusterHistory(1, [row(1, 'North', '2026-08-01', '2026-11-26')]).at(-1)?.text).toBe(
      'Removed from the cluster on 26 November 2026',
    );
  });

  it('lists the schools in a cluster during a half term, noting who joins or leaves in it', () => {
    const members = moved.map((one) => ({
      clusterId: one.clusterId,
      urn: one.urn,
      name: one.schoolName,
      joinedOn: one.joinedOn,
      leftOn: one.leftOn,
    }));
    expect(schoolsDuring(members, 1, '2026-09-03', '2026-10-23')).toEqual([
      { urn: 102317, name: 'Broadford Primary School', joinsOn: undefined, leavesOn: undefined },
    ]);
    expect(schoolsDuring(members, 1, '2027-01-04', '2027-02-12')[0].leavesOn).toBe('2027-01-05');
    expect(schoolsDuring(members, 2, '2027-01-04', '2027-02-12')[0].joinsOn).toBe('2027-01-05');
    expect(schoolsDuring(members, 2, '2026-09-03', '2026-10-23')).toEqual([]);
    expect(schoolsDuring(members, 1, '2027-02-22', '2027-03-25')).toEqual([]);
  });

  it('starts a school at the beginning of the year, or when it last left a cluster', () => {
    expect(joiningDate('2026-08-01', [])).toBe('2026-08-01');
    expect(joiningDate('2026-08-01', [null, '2026-11-26', '2026-10-01'])).toBe('2026-11-26');
  });

  it('refuses a move on or before the day the school joined', () => {
    const context = {
      year: '2026/27',
      from: '2026-08-01',
      to: '2027-07-31',
      joinedOn: '2026-09-10',
      clusterName: 'North',
      targets: new Map([[2, 'South']]),
    };
    const result = validate(
      moveSchema(context),
      withDateInputs({ to: '2', reason: 'New venue', ...dateInputValues('movedOn', '2026-09-10') }, ['movedOn']),
    );
    expect(result.ok).toBe(false);
    expect(!result.ok && result.fieldErrors['movedOn-day'].text).toBe(
      'The date of the move must be after 10 September 2026, when the school joined North',
    );
  });
});
