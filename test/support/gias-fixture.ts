// The small GIAS file the tests and the browser journey import, for the authority 938 (West
// Sussex): schools of every kind the import keeps, a converter academy and its closed
// predecessor, independents, closed and proposed establishments, a college, a nursery, and other
// authorities' schools. Names are made up; one has a comma and several have ’ or accents.
// `node test/support/gias-fixture.ts` writes test/fixtures/gias/edubasealldata20260105.csv.
import { writeFileSync } from 'node:fs';
import { giasRow, giasText, windows1252, type GiasValues } from './gias-file.ts';

export const FIXTURE_PATH = new URL('../fixtures/gias/edubasealldata20260105.csv', import.meta.url).pathname;
export const FIXTURE_LA = 938;

const SUSSEX = { 'LA (code)': 938, 'LA (name)': 'West Sussex', 'GOR (name)': 'South East' };
const SURREY = { 'LA (code)': 936, 'LA (name)': 'Surrey', 'GOR (name)': 'South East' };
const primary = {
  'PhaseOfEducation (code)': 2,
  'PhaseOfEducation (name)': 'Primary',
  StatutoryLowAge: 4,
  StatutoryHighAge: 11,
};
const secondary = {
  'PhaseOfEducation (code)': 4,
  'PhaseOfEducation (name)': 'Secondary',
  StatutoryLowAge: 11,
  StatutoryHighAge: 16,
};
const notApplicable = { 'PhaseOfEducation (code)': 0, 'PhaseOfEducation (name)': 'Not applicable' };

const school = (urn: number, number: string, name: string, type: string, more: GiasValues = {}): GiasValues => ({
  URN: urn,
  EstablishmentNumber: number,
  EstablishmentName: name,
  'TypeOfEstablishment (name)': type,
  NumberOfPupils: 200 + (urn % 300),
  Postcode: `RH${urn % 20} ${urn % 9}AB`,
  ...SUSSEX,
  ...more,
});

export const FIXTURE_ROWS: GiasValues[] = [
  school(900001, '2001', 'Northgate Community Primary School', 'Community school', {
    ...primary,
    OpenDate: '01-01-1950',
  }),
  school(900002, '3301', 'St Mary’s CofE Primary School', 'Voluntary aided school', primary),
  school(900003, '4002', 'Brontë Park Academy', 'Academy sponsor led', { ...secondary, OpenDate: '01-09-2014' }),
  school(900004, '2002', 'Oak, Ash and Elm Federated Infant School', 'Foundation school', {
    ...primary,
    StatutoryHighAge: 7,
  }),
  school(900005, '4001', 'Harbour High School', 'Community school', {
    ...secondary,
    'EstablishmentStatus (name)': 'Closed',
    'ReasonEstablishmentClosed (name)': 'Academy Converter',
    CloseDate: '31-08-2022',
  }),
  school(140005, '4001', 'Harbour High School Academy', 'Academy converter', {
    ...secondary,
    OpenDate: '01-09-2022',
    'ReasonEstablishmentOpened (name)': 'Academy Converter',
    'PreviousLA (code)': 938,
    'PreviousLA (name)': 'West Sussex',
    PreviousEstablishmentNumber: '4001',
  }),
  school(900006, '7001', 'Meadowside School', 'Community special school', {
    ...notApplicable,
    StatutoryLowAge: 2,
    StatutoryHighAge: 19,
  }),
  school(900007, '1101', 'The Bridge Pupil Referral Unit', 'Pupil referral unit', {
    ...notApplicable,
    StatutoryLowAge: 11,
    StatutoryHighAge: 16,
  }),
  school(900008, '1102', 'Seaside Alternative Provision Academy', 'Academy alternative provision sponsor led', {
    ...notApplicable,
    StatutoryLowAge: 5,
    StatutoryHighAge: 16,
  }),
  school(900020, '2003', 'Westfield Junior School', 'Community school', {
    ...primary,
    StatutoryLowAge: 7,
    'EstablishmentStatus (name)': 'Open, but proposed to close',
  }),
  school(900009, '6001', 'Greyfriars Preparatory School', 'Other independent school', primary),
  school(900010, '6002', 'Hillcrest Independent Special School', 'Other independent special school', notApplicable),
  school(900011, '2004', 'Old Mill Infant School', 'Community school', {
    ...primary,
    'EstablishmentStatus (name)': 'Closed',
    CloseDate: '31-08-2019',
  }),
  school(900012, '', 'Coastal College', 'Further education', {
    'PhaseOfEducation (name)': '16 plus',
    StatutoryLowAge: 16,
    StatutoryHighAge: 99,
  }),
  school(900013, '1001', 'Seaview Nursery School', 'Local authority nursery school', {
    'PhaseOfEducation (name)': 'Nursery',
    StatutoryLowAge: 2,
    StatutoryHighAge: 5,
  }),
  school(900015, '2005', 'Riverside Free School', 'Free schools', {
    ...primary,
    'EstablishmentStatus (name)': 'Proposed to open',
  }),
  school(900016, '2001', 'Elmbridge Primary School', 'Community school', { ...primary, ...SURREY }),
  school(900017, '4003', 'Surrey Hills Academy', 'Academy converter', { ...secondary, ...SURREY }),
  school(900018, '2006', 'Ashford Infant School', 'Community school', {
    ...primary,
    ...SURREY,
    'EstablishmentStatus (name)': 'Closed',
    CloseDate: '31-08-2015',
  }),
  school(900019, '', 'Ysgol Gymraeg Aberystwyth', 'Welsh establishment', {
    ...primary,
    'LA (code)': 702,
    'LA (name)': 'Ceredigion',
    'Country (name)': 'Wales',
  }),
];

/** What importing the fixture for 938 into an empty database gives. */
export const FIXTURE_COUNTS = {
  laCode: 938,
  rows: 20,
  imported: 9,
  updated: 0,
  unchanged: 0,
  closed: 0,
  leftOut: { otherAuthority: 4, independent: 2, closed: 2, notYetOpen: 1, otherKind: 2 },
};

export function fixtureText(rows: GiasValues[] = FIXTURE_ROWS): string {
  return giasText(rows.map(giasRow));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  writeFileSync(FIXTURE_PATH, windows1252(fixtureText()));
  console.log(`Wrote ${FIXTURE_PATH}`);
}
