import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { checkboxGroup, checkedValues, withCheckboxLists } from './checkboxes.ts';

describe('checkbox groups as a browser sends them', () => {
  it('reads no box ticked, one box ticked and several boxes ticked as a list', () => {
    expect(checkedValues(undefined)).toEqual([]);
    expect(checkedValues('')).toEqual([]);
    expect(checkedValues('semh')).toEqual(['semh']);
    expect(checkedValues(['semh', 'behaviour'])).toEqual(['semh', 'behaviour']);
  });

  it('drops blanks and anything that is not text, such as objects from a tampered form', () => {
    expect(checkedValues(['semh', '', '  ', { a: 'b' }, 3, null])).toEqual(['semh']);
    expect(checkedValues({ semh: 'on' })).toEqual([]);
    expect(checkedValues(null)).toEqual([]);
  });

  it('checks each ticked value, and says when none is ticked if one must be', () => {
    const schema = checkboxGroup(z.enum(['a', 'b']), 'Select at least one');
    expect(schema.parse('a')).toEqual(['a']);
    expect(schema.parse(['a', 'b'])).toEqual(['a', 'b']);
    expect(schema.safeParse(undefined).error?.issues[0]?.message).toBe('Select at least one');
    expect(schema.safeParse(['a', 'c']).success).toBe(false);
    expect(checkboxGroup(z.coerce.number().int()).parse('12')).toEqual([12]);
  });

  it('makes the named groups of a form lists and leaves its other fields as sent', () => {
    expect(withCheckboxLists({ needs: 'semh', detail: 'x' }, ['needs', 'sharing'])).toEqual({
      needs: ['semh'],
      sharing: [],
      detail: 'x',
    });
  });
});
