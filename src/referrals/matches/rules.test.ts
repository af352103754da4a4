import { describe, expect, it } from 'vitest';
import {
  findMatches,
  jaroWinkler,
  matchReason,
  NAME_SIMILARITY_THRESHOLD,
  normaliseName,
  type Person,
} from './rules.ts';

const jayden: Person = { upn: null, firstName: 'Jayden', lastName: 'Smyth', dateOfBirth: '2017-03-02' };

describe('already known matching (Havering SEMH Team proposal: not currently known to Early Help or Social Care)', () => {
  it('matches a known child by UPN', () => {
    const referral = { ...jayden, upn: ' h801200001001 ' };
    const known = { upn: 'H801200001001', firstName: 'Jay', lastName: 'Smith-Jones', dateOfBirth: '2017-03-04' };
    expect(matchReason(referral, known)).toEqual({ kind: 'upn', score: 1, reason: 'Same UPN' });
  });

  it('matches Jayden Smyth born 2017-03-02 to Jaiden Smith born the same day', () => {
    const match = matchReason(jayden, { firstName: 'Jaiden', lastName: 'Smith', dateOfBirth: '2017-03-02' });
    expect(match).toMatchObject({
      kind: 'name-and-date-of-birth',
      reason: 'Same date of birth and similar name (Jayden Smyth ~ Jaiden Smith)',
    });
    expect(match?.score).toBeGreaterThan(0.9);
  });

  it('does not match a different child with the same name but another date of birth', () => {
    expect(matchReason(jayden, { ...jayden, dateOfBirth: '2016-03-02' })).toBeUndefined();
  });

  it('does not match a different child born the same day', () => {
    expect(matchReason(jayden, { firstName: 'Mason', lastName: 'Patel', dateOfBirth: '2017-03-02' })).toBeUndefined();
    expect(matchReason(jayden, { firstName: 'Ella', lastName: 'Smyth', dateOfBirth: '2017-03-02' })).toBeUndefined();
  });

  it('matches names written with different accents, apostrophes, hyphens and capitals', () => {
    expect(normaliseName('  Zoë O’Brien-Smith ')).toBe('zoeobriensmith');
    const match = matchReason(
      { firstName: 'Zoë', lastName: "O'Brien-Smith", dateOfBirth: '2018-01-09' },
      { firstName: 'ZOE', lastName: 'OBrien Smith', dateOfBirth: '2018-01-09T00:00:00.000Z' },
    );
    expect(match?.reason).toBe("Same date of birth and the same name (Zoë O'Brien-Smith ~ ZOE OBrien Smith)");
  });

  it('matches first and last names recorded the other way round', () => {
    const match = matchReason(jayden, { firstName: 'Smith', lastName: 'Jayden', dateOfBirth: '2017-03-02' });
    expect(match?.reason).toBe(
      'Same date of birth and first and last names the other way round (Jayden Smyth ~ Smith Jayden)',
    );
  });

  it('matches a first initial with the same last name and date of birth', () => {
    const match = matchReason(jayden, { firstName: 'J', lastName: 'Smyth', dateOfBirth: '2017-03-02' });
    expect(match).toMatchObject({
      score: 0.6,
      reason: 'Same date of birth and the same last name and first initial (Jayden Smyth ~ J Smyth)',
    });
  });

  it('a different UPN lowers a name match and says so', () => {
    const match = matchReason({ ...jayden, upn: 'H801200001001' }, { ...jayden, upn: 'A801200001002' });
    expect(match?.reason).toBe(
      'Same date of birth and the same name (Jayden Smyth ~ Jayden Smyth), but a different UPN',
    );
    expect(match?.score).toBe(0.75);
  });

  it('lists the most likely matches first', () => {
    const candidates = [
      { id: 1, firstName: 'J', lastName: 'Smyth', dateOfBirth: '2017-03-02' },
      { id: 2, firstName: 'Mason', lastName: 'Patel', dateOfBirth: '2017-03-02' },
      { id: 3, firstName: 'Jayden', lastName: 'Smyth', dateOfBirth: '2017-03-02' },
      { id: 4, firstName: 'Jaiden', lastName: 'Smith', dateOfBirth: '2017-03-02' },
      { id: 5, upn: 'H801200001001', firstName: 'Kai', lastName: 'Ward', dateOfBirth: '2015-05-05' },
    ];
    const matches = findMatches({ ...jayden, upn: 'H801200001001' }, candidates);
    expect(matches.map((m) => m.candidate.id)).toEqual([5, 3, 4, 1]);
  });

  it('counts names as similar from a Jaro–Winkler similarity of 0.85', () => {
    expect(NAME_SIMILARITY_THRESHOLD).toBe(0.85);
    expect(jaroWinkler('jayden', 'jaiden')).toBeGreaterThanOrEqual(0.85);
    expect(jaroWinkler('smyth', 'smith')).toBeGreaterThanOrEqual(0.85);
    expect(jaroWinkler('jack', 'james')).toBeLessThan(0.85);
    expect(jaroWinkler('martha', 'marhta')).toBeCloseTo(0.961, 3);
  });
});
