// The GIAS benchmark: a generated national-size "all establishment data" file (50,000 rows of the
// real file's 139 columns, about 60 MB, Windows-1252, a mix of authorities, types and statuses)
// imported for one authority into a new embedded database, in a child process so that its peak
// memory (max RSS, the database thread included) is the import's own. Run alone with
// `node bench/gias.ts [--rows N]`, or as part of `npm run bench`.
import { execFile } from 'node:child_process';
import { createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { giasRow, giasText, GIAS_HEADER, windows1252 } from '../test/support/gias-file.ts';

const CHILD = fileURLToPath(new URL('./gias-child.ts', import.meta.url));
export const BENCH_LA = 938;

export interface GiasBenchResult {
  rows: number;
  fileBytes: number;
  generateMs: number;
  /** Reading the file alone, in a process of its own: time and peak memory (max RSS). */
  readMs: number;
  readPeakMb: number;
  /** The whole import into a new embedded database: time, and memory before and at its peak. */
  importMs: number;
  beforeRssMb: number;
  peakRssMb: number;
  maxRssSinceStartMb: number;
  counts: Record<string, unknown>;
}

/** Types in roughly the real file's shares (of 100), closed and independent included. */
const TYPES: [string, number][] = [
  ['Community school', 30],
  ['Academy converter', 18],
  ['Academy sponsor led', 7],
  ['Voluntary aided school', 9],
  ['Voluntary controlled school', 5],
  ['Foundation school', 3],
  ['Free schools', 3],
  ['Community special school', 2],
  ['Academy special converter', 1],
  ['Pupil referral unit', 1],
  ['Academy alternative provision sponsor led', 1],
  ['Other independent school', 7],
  ['Other independent special school', 2],
  ['Further education', 2],
  ['Local authority nursery school', 1],
  ['Welsh establishment', 1],
  ['Higher education institutions', 1],
  ['Miscellaneous', 6],
];
const TYPE_LIST = TYPES.flatMap(([type, share]) => Array<string>(share).fill(type));
const PLACES = [
  'Northgate',
  'Ashdown',
  'St Mary’s',
  'Brontë',
  'Hollybrook',
  'Riverside',
  'Kingsmead',
  'Oakfield',
  'Café Lane',
  'Westfield',
];
const SEN = [
  'SEMH - Social, Emotional and Mental Health',
  'ASD - Autistic Spectrum Disorder',
  'MLD - Moderate Learning Difficulty',
  'SLCN - Speech, language and Communication',
];
/** 150 English authorities' codes; the benchmark's own has about 330 rows, as a large county does. */
const LAS = Array.from({ length: 150 }, (_, i) => 201 + i * 5);

function row(i: number): string[] {
  const type = TYPE_LIST[(i * 37 + Math.floor(i / 150)) % TYPE_LIST.length]!;
  const la = i % 150 === 7 ? BENCH_LA : LAS[(i * 7) % LAS.length]!;
  const closed = (i + Math.floor(i / 150)) % 5 < 2;
  const primary = i % 3 !== 0;
  const place = PLACES[i % PLACES.length]!;
  const name =
    i % 97 === 0 ? `${place}, Hill and Vale Federation School` : `${place} ${primary ? 'Primary' : 'High'} School ${i}`;
  return giasRow({
    URN: 100000 + i,
    'LA (code)': la,
    'LA (name)': `Authority ${la}`,
    EstablishmentNumber: String(1000 + (i % 8999)),
    EstablishmentName: name,
    'TypeOfEstablishment (name)': type,
    'EstablishmentStatus (name)': closed ? 'Closed' : i % 101 === 0 ? 'Proposed to open' : 'Open',
    'ReasonEstablishmentOpened (name)': type === 'Academy converter' ? 'Academy Converter' : 'Not applicable',
    OpenDate: i % 2 ? '01-09-2012' : '',
    'ReasonEstablishmentClosed (name)': closed ? 'Academy Converter' : 'Not applicable',
    CloseDate: closed ? '31-08-2012' : '',
    'PhaseOfEducation (code)': primary ? 2 : 4,
    'PhaseOfEducation (name)': primary ? 'Primary' : 'Secondary',
    StatutoryLowAge: primary ? 4 : 11,
    StatutoryHighAge: primary ? 11 : 18,
    'Boarders (name)': 'No boarders',
    'NurseryProvision (name)': 'Has Nursery Classes',
    'OfficialSixthForm (name)': 'Does not have a sixth form',
    'Gender (name)': 'Mixed',
    'ReligiousCharacter (name)': 'Does not apply',
    'ReligiousEthos (name)': 'Does not apply',
    'Diocese (name)': 'Not applicable',
    'AdmissionsPolicy (name)': 'Not applicable',
    SchoolCapacity: 420,
    'SpecialClasses (name)': 'No Special Classes',
    CensusDate: '16-01-2025',
    NumberOfPupils: 150 + (i % 1300),
    NumberOfBoys: 75,
    NumberOfGirls: 75,
    PercentageFSM: '21.4',
    'TrustSchoolFlag (name)': 'Not applicable',
    'Trusts (name)': 'The Example Learning Trust',
    'SchoolSponsorFlag (name)': 'Not applicable',
    'FederationFlag (name)': 'Not under a federation',
    UKPRN: 10000000 + i,
    OfstedLastInsp: '12-03-2019',
    'OfstedSpecialMeasures (name)': 'Not applicable',
    LastChangedDate: '02-01-2026',
    Street: `${i % 200} Station Road`,
    Locality: 'Upper Town',
    Town: 'Exampleton',
    'County (name)': 'Exampleshire',
    Postcode: `EX${i % 99} ${i % 9}AB`,
    SchoolWebsite: `https://www.school-${i}.example.sch.uk`,
    TelephoneNum: '01234567890',
    'HeadTitle (name)': 'Mrs',
    HeadFirstName: 'Head',
    HeadLastName: 'Teacher',
    HeadPreferredJobTitle: 'Headteacher',
    InspectorateReport: `https://reports.example.gov.uk/provider/23/${100000 + i}`,
    PropsName: i % 10 === 0 ? 'The Example Educational Trust Limited' : '',
    Address3: 'Example Business Park',
    'InspectorateName (name)': 'Ofsted',
    'BoardingEstablishment (name)': 'Not applicable',
    'CCF (name)': 'Not applicable',
    'SENPRU (name)': 'Not applicable',
    'EBD (name)': 'Not applicable',
    'FTProv (name)': 'Not applicable',
    'EdByOther (name)': 'Not applicable',
    'Section41Approved (name)': 'Not applicable',
    'TeenMoth (name)': 'Not applicable',
    'SEN3 (name)': SEN[(i + 2) % 4],
    'SEN1 (name)': SEN[i % 4],
    'SEN2 (name)': SEN[(i + 1) % 4],
    'TypeOfResourcedProvision (name)': 'Not applicable',
    'GOR (name)': 'South East',
    'DistrictAdministrative (name)': 'Example District',
    'AdministrativeWard (name)': 'Example Ward',
    'ParliamentaryConstituency (name)': 'Example Constituency',
    'UrbanRural (name)': '(England/Wales) Urban city and town',
    'GSSLACode (name)': 'E10000032',
    Easting: 530000 + (i % 999),
    Northing: 180000 + (i % 999),
    'MSOA (name)': 'Example 001',
    'LSOA (name)': 'Example 001A',
    'OfstedRating (name)': 'Good',
    'PreviousLA (code)': type === 'Academy converter' ? la : 999,
    PreviousEstablishmentNumber: type === 'Academy converter' ? String(1000 + (i % 8999)) : '',
    UPRN: 100000000000 + i,
    'QABName (name)': 'Not applicable',
    'EstablishmentAccredited (name)': 'Not applicable',
    'MSOA (code)': 'E02000001',
    'LSOA (code)': 'E01000001',
    FSM: 32,
  });
}

/** Writes `rows` rows as Windows-1252 and returns the file's size. */
export async function generateGiasFile(path: string, rows: number): Promise<number> {
  const out = createWriteStream(path);
  out.write(windows1252(giasText([]).replace(/\r\n$/, '\r\n')));
  for (let start = 0; start < rows; start += 1000) {
    const batch = Array.from({ length: Math.min(1000, rows - start) }, (_, k) => row(start + k));
    if (!out.write(windows1252(giasText(batch).slice(giasText([]).length)))) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
  return statSync(path).size;
}

export async function giasBench({ rows = 50_000, log = (_line: string) => {} } = {}): Promise<GiasBenchResult> {
  const folder = mkdtempSync(join(tmpdir(), 'inclusion-hub-gias-bench-'));
  try {
    const file = join(folder, 'edubasealldata20260105.csv');
    const started = performance.now();
    const fileBytes = await generateGiasFile(file, rows);
    const generateMs = performance.now() - started;
    log(
      `  generated ${rows.toLocaleString('en-GB')} rows of ${GIAS_HEADER.length} columns, ${(fileBytes / 1024 / 1024).toFixed(1)} MB, in ${Math.round(generateMs)} ms`,
    );
    const run = promisify(execFile);
    const read = JSON.parse((await run(process.execPath, [CHILD, 'read', file, String(BENCH_LA)])).stdout) as {
      readMs: number;
      maxRssMb: number;
    };
    log(`  read alone for LA ${BENCH_LA}: ${Math.round(read.readMs)} ms, peak memory ${read.maxRssMb} MB`);
    const saved = JSON.parse(
      (await run(process.execPath, [CHILD, 'import', file, String(BENCH_LA), join(folder, 'pglite')])).stdout,
    ) as Omit<GiasBenchResult, 'rows' | 'fileBytes' | 'generateMs' | 'readMs' | 'readPeakMb'>;
    log(
      `  imported into the embedded database: ${Math.round(saved.importMs)} ms, memory ${saved.beforeRssMb} MB before and ${saved.peakRssMb} MB at the peak`,
    );
    return { rows, fileBytes, generateMs, readMs: read.readMs, readPeakMb: read.maxRssMb, ...saved };
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

export function formatGias(result: GiasBenchResult): string {
  return [
    '### Schools: the national GIAS file imported for one authority',
    '',
    `${result.rows.toLocaleString('en-GB')} rows × ${GIAS_HEADER.length} columns, ${(result.fileBytes / 1024 / 1024).toFixed(1)} MB, Windows-1252; embedded database; target under 10 s and 300 MB.`,
    '',
    '| | time | memory |',
    '|---|---|---|',
    `| reading the file alone (own process) | ${(result.readMs / 1000).toFixed(2)} s | ${result.readPeakMb} MB peak (max RSS) |`,
    `| whole import into the embedded database | ${(result.importMs / 1000).toFixed(2)} s | ${result.beforeRssMb} MB before, ${result.peakRssMb} MB at the peak (+${result.peakRssMb - result.beforeRssMb} MB) |`,
    '',
    `The embedded database's own start-up takes the process to ${result.maxRssSinceStartMb} MB for a moment before any import, whatever it then holds; the import itself adds the figure above.`,
    '',
    `Counts: ${JSON.stringify(result.counts)}`,
  ].join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const at = process.argv.indexOf('--rows');
  const result = await giasBench({
    rows: at === -1 ? 50_000 : Number(process.argv[at + 1]),
    log: (line) => console.log(line),
  });
  console.log(`\n${formatGias(result)}`);
}
