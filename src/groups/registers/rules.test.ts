import { describe, expect, it } from 'vitest';
import { checkMarks, markCounts, onRegister, registerRefusal } from './rules.ts';
import { checkScores, parseScore } from './measures/rules.ts';

describe('who is on a session’s register', () => {
  const places = [
    { id: 1, status: 'confirmed' as const },
    { id: 2, status: 'withdrawn' as const },
    { id: 3, status: 'withdrawn' as const },
    { id: 4, status: 'waiting' as const },
    { id: 5, status: 'nominated' as const },
  ];

  it('lists the confirmed places, and withdrawn places only when they already have a mark for the session', () => {
    expect(onRegister(places, new Map([[3, 'attended' as const]])).map((p) => p.id)).toEqual([1, 3]);
  });
});

describe('when a register may be taken', () => {
  it('refuses a session in the future, naming the day it can be taken', () => {
    expect(registerRefusal('2027-05-12', '2027-05-11')).toBe(
      'You can take the register from the day of the session, 12 May 2027',
    );
  });

  it('allows it on the day of the session and after', () => {
    expect(registerRefusal('2027-05-12', '2027-05-12')).toBeUndefined();
    expect(registerRefusal('2027-05-12', '2027-06-01')).toBeUndefined();
  });

  it('refuses a cancelled group', () => {
    expect(registerRefusal('2026-01-06', '2026-02-01', true)).toMatch(/cancelled/);
  });
});

describe('every participant on the register must be marked (attended, apologies, did not attend)', () => {
  const participants = [
    { id: 7, label: 'Sam Jones' },
    { id: 8, label: 'Participant 2 (consent withdrawn)' },
  ];

  it('names each participant without a mark, linked to their radios', () => {
    const result = checkMarks(participants, { 'mark-7': 'attended' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toEqual([
      { text: 'Select whether Participant 2 (consent withdrawn) attended', href: '#mark-8' },
    ]);
  });

  it('refuses a value that is not one of the three marks', () => {
    const result = checkMarks(participants, { 'mark-7': 'late', 'mark-8': 'apologies' });
    expect(result.ok ? [] : result.errors.map((e) => e.text)).toEqual(['Select whether Sam Jones attended']);
  });

  it('accepts a mark for everyone, and the audit keeps only the counts', () => {
    const result = checkMarks(participants, {
      'mark-7': 'attended',
      'mark-8': 'did-not-attend',
      'mark-99': 'attended',
    });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect([...result.marks]).toEqual([
      [7, 'attended'],
      [8, 'did-not-attend'],
    ]);
    expect(markCounts(result.marks)).toEqual({ attended: 1, apologies: 0, didNotAttend: 1 });
  });
});

describe('pre/post scores (a score on a named scale entered per participant)', () => {
  it('takes a number from 0 to 1000 with up to one decimal place, or blank', () => {
    expect(parseScore('42')).toEqual({ ok: true, value: 42 });
    expect(parseScore(' 12.5 ')).toEqual({ ok: true, value: 12.5 });
    expect(parseScore('0')).toEqual({ ok: true, value: 0 });
    expect(parseScore('1000')).toEqual({ ok: true, value: 1000 });
    expect(parseScore('')).toEqual({ ok: true, value: null });
    expect(parseScore(undefined)).toEqual({ ok: true, value: null });
  });

  it('refuses words, numbers out of range and more than one decimal place', () => {
    expect(parseScore('twelve')).toEqual({ ok: false, problem: 'not-a-number' });
    expect(parseScore('1e3')).toEqual({ ok: false, problem: 'not-a-number' });
    expect(parseScore('1000.1')).toEqual({ ok: false, problem: 'out-of-range' });
    expect(parseScore('-1')).toEqual({ ok: false, problem: 'out-of-range' });
    expect(parseScore('12.25')).toEqual({ ok: false, problem: 'too-precise' });
    expect(parseScore('12.50')).toEqual({ ok: true, value: 12.5 });
  });

  it('names the participant and the score in each message', () => {
    const result = checkScores([{ id: 3, label: 'Sam Jones' }], { 'pre-3': 'high', 'post-3': '2000' });
    expect(result.ok ? [] : result.errors).toEqual([
      { text: 'Enter Sam Jones’s score before the group as a number, like 42', href: '#pre-3' },
      { text: 'Sam Jones’s score after the group must be between 0 and 1000', href: '#post-3' },
    ]);
  });
});
