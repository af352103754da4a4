import type { Insertable } from 'kysely';
import type { CarersTable, ChildrenTable } from '../children/schema.ts';
import type { SchoolsTable } from '../schools/schema.ts';
import { makeUpn } from '../children/rules.ts';

export const FIRST_NAMES = [
  'Amara',
  'Oliver',
  'Zainab',
  'Harry',
  'Maya',
  'Leo',
  'Chloe',
  'Kacper',
  'Ruby',
  'Tobi',
  'Isla',
  'Arjun',
  'Freya',
  'Noah',
  'Aisha',
  'Alfie',
  'Lily',
  'Mohammed',
  'Poppy',
  'Jayden',
  'Ella',
  'Reggie',
  'Sofia',
  'Teddy',
  'Grace',
  'Kwame',
  'Evie',
  'Oscar',
  'Hana',
  'Finley',
  'Ivy',
  'Dylan',
  'Layla',
  'Ethan',
  'Mia',
  'Ryan',
  'Nia',
  'Jack',
];
export const LAST_NAMES = [
  'Adeyemi',
  'Baker',
  'Chowdhury',
  'Dawson',
  'Evans',
  'Fraser',
  'Green',
  'Hughes',
  'Iqbal',
  'Jones',
  'Kowalski',
  'Lewis',
  'Mensah',
  'Nowak',
  'Okafor',
  'Patel',
  'Quinn',
  'Reid',
  'Smith',
  'Turner',
  'Usman',
  'Vaughan',
  'Walsh',
  'Xavier',
  'Young',
  'Zielinski',
  'Begum',
  'Clarke',
  'Doherty',
  'Ellis',
  'Foster',
  'Hall',
  'Khan',
  'Morris',
];
const CARER_FIRST_NAMES = [
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
];
const RELATIONSHIPS = ['Mother', 'Father', 'Grandparent', 'Stepmother', 'Stepfather', 'Aunt', 'Foster carer'];

/** A small deterministic generator, so the demo borough is the same on every machine. */
export function randomSource(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)],
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
  };
}

const YEAR_GROUPS: Record<string, [string, number][]> = {
  Primary: [
    ['Reception', 0],
    ['Year 1', 1],
    ['Year 2', 2],
    ['Year 3', 3],
    ['Year 4', 4],
    ['Year 5', 5],
    ['Year 6', 6],
  ],
  Secondary: [
    ['Year 7', 7],
    ['Year 8', 8],
    ['Year 9', 9],
    ['Year 10', 10],
    ['Year 11', 11],
  ],
};

/**
 * Date of birth for a child in the given national curriculum year in the school year starting
 * in September of `academicYear`: Reception children turn 5 between 1 September and 31 August.
 */
function dateOfBirth(yearNumber: number, academicYear: number, rng: ReturnType<typeof randomSource>): string {
  const birthYearStart = academicYear - 5 - yearNumber; // born 1 September of this year ...
  const day = new Date(Date.UTC(birthYearStart, 8, 1) + rng.int(0, 364) * 86_400_000);
  return day.toISOString().slice(0, 10);
}

export interface DemoFamily {
  child: Insertable<ChildrenTable>;
  carers: Omit<Insertable<CarersTable>, 'child_id'>[];
}

/**
 * Fictional children (with valid UPNs) and their carers, a few per school. More families for
 * schools that already have some take another `seed` and start their UPN serials at `serialFrom`.
 */
export function demoFamilies(
  schools: Insertable<SchoolsTable>[],
  perSchool: number,
  academicYear: number,
  { seed = 311, serialFrom = 0 } = {},
): DemoFamily[] {
  const rng = randomSource(seed);
  const families: DemoFamily[] = [];
  for (const school of schools) {
    const years = YEAR_GROUPS[school.phase] ?? [...YEAR_GROUPS.Primary.slice(1), ...YEAR_GROUPS.Secondary];
    for (let i = 0; i < perSchool; i++) {
      const [yearGroup, yearNumber] = rng.pick(years);
      const lastName = rng.pick(LAST_NAMES);
      const estab = school.laestab.slice(3);
      const carers: DemoFamily['carers'] = [
        {
          name: `${rng.pick(CARER_FIRST_NAMES)} ${lastName}`,
          relationship: rng.pick(RELATIONSHIPS.slice(0, 2)),
          phone: `07700 900${String(rng.int(0, 999)).padStart(3, '0')}`,
          has_parental_responsibility: true,
        },
      ];
      if (rng.next() < 0.5) {
        const relationship = rng.pick(RELATIONSHIPS.slice(2));
        carers.push({
          name: `${rng.pick(CARER_FIRST_NAMES)} ${rng.pick(LAST_NAMES)}`,
          relationship,
          phone: null,
          has_parental_responsibility: relationship === 'Foster carer',
        });
      }
      families.push({
        child: {
          first_name: rng.pick(FIRST_NAMES),
          last_name: lastName,
          date_of_birth: dateOfBirth(yearNumber, academicYear, rng),
          upn: makeUpn(school.la_code, estab, academicYear - yearNumber, (serialFrom + families.length) % 1000),
          school_urn: school.urn,
          year_group: yearGroup,
        },
        carers,
      });
    }
  }
  return families;
}
