// Writing files in the format of the GIAS "all establishment data" download, for tests and the
// benchmark: the real header (its columns in the real order), quoted where a value needs it,
// CRLF line ends, and Windows-1252 bytes as the download has (or UTF-8 with a byte order mark).

/** The columns of edubasealldataYYYYMMDD.csv, in the file's order. */
export const GIAS_HEADER = [
  'URN',
  'LA (code)',
  'LA (name)',
  'EstablishmentNumber',
  'EstablishmentName',
  'TypeOfEstablishment (code)',
  'TypeOfEstablishment (name)',
  'EstablishmentTypeGroup (code)',
  'EstablishmentTypeGroup (name)',
  'EstablishmentStatus (code)',
  'EstablishmentStatus (name)',
  'ReasonEstablishmentOpened (code)',
  'ReasonEstablishmentOpened (name)',
  'OpenDate',
  'ReasonEstablishmentClosed (code)',
  'ReasonEstablishmentClosed (name)',
  'CloseDate',
  'PhaseOfEducation (code)',
  'PhaseOfEducation (name)',
  'StatutoryLowAge',
  'StatutoryHighAge',
  'Boarders (code)',
  'Boarders (name)',
  'NurseryProvision (name)',
  'OfficialSixthForm (code)',
  'OfficialSixthForm (name)',
  'Gender (code)',
  'Gender (name)',
  'ReligiousCharacter (code)',
  'ReligiousCharacter (name)',
  'ReligiousEthos (name)',
  'Diocese (code)',
  'Diocese (name)',
  'AdmissionsPolicy (code)',
  'AdmissionsPolicy (name)',
  'SchoolCapacity',
  'SpecialClasses (code)',
  'SpecialClasses (name)',
  'CensusDate',
  'NumberOfPupils',
  'NumberOfBoys',
  'NumberOfGirls',
  'PercentageFSM',
  'TrustSchoolFlag (code)',
  'TrustSchoolFlag (name)',
  'Trusts (code)',
  'Trusts (name)',
  'SchoolSponsorFlag (name)',
  'SchoolSponsors (name)',
  'FederationFlag (name)',
  'Federations (code)',
  'Federations (name)',
  'UKPRN',
  'FEHEIdentifier',
  'FurtherEducationType (name)',
  'OfstedLastInsp',
  'OfstedSpecialMeasures (code)',
  'OfstedSpecialMeasures (name)',
  'LastChangedDate',
  'Street',
  'Locality',
  'Address3',
  'Town',
  'County (name)',
  'Postcode',
  'SchoolWebsite',
  'TelephoneNum',
  'HeadTitle (name)',
  'HeadFirstName',
  'HeadLastName',
  'HeadPreferredJobTitle',
  'BSOInspectorateName (name)',
  'InspectorateReport',
  'DateOfLastInspectionVisit',
  'NextInspectionVisit',
  'TeenMoth (name)',
  'TeenMothPlaces',
  'CCF (name)',
  'SENPRU (name)',
  'EBD (name)',
  'PlacesPRU',
  'FTProv (name)',
  'EdByOther (name)',
  'Section41Approved (name)',
  ...Array.from({ length: 13 }, (_, i) => `SEN${i + 1} (name)`),
  'TypeOfResourcedProvision (name)',
  'ResourcedProvisionOnRoll',
  'ResourcedProvisionCapacity',
  'SenUnitOnRoll',
  'SenUnitCapacity',
  'GOR (code)',
  'GOR (name)',
  'DistrictAdministrative (code)',
  'DistrictAdministrative (name)',
  'AdministrativeWard (code)',
  'AdministrativeWard (name)',
  'ParliamentaryConstituency (code)',
  'ParliamentaryConstituency (name)',
  'UrbanRural (code)',
  'UrbanRural (name)',
  'GSSLACode (name)',
  'Easting',
  'Northing',
  'MSOA (name)',
  'LSOA (name)',
  'InspectorateName (name)',
  'SENStat',
  'SENNoStat',
  'BoardingEstablishment (name)',
  'PropsName',
  'PreviousLA (code)',
  'PreviousLA (name)',
  'PreviousEstablishmentNumber',
  'OfstedRating (name)',
  'Country (name)',
  'UPRN',
  'SiteName',
  'QABName (code)',
  'QABName (name)',
  'EstablishmentAccredited (code)',
  'EstablishmentAccredited (name)',
  'QABReport',
  'CHNumber',
  'MSOA (code)',
  'LSOA (code)',
  'FSM',
  'AccreditationExpiryDate',
];

export type GiasValues = Partial<Record<string, string | number>>;

/** The type group (and its code) each establishment type is in, as GIAS files them. */
export const TYPE_GROUPS: Record<string, [number, number, string]> = {
  'Community school': [1, 4, 'Local authority maintained schools'],
  'Voluntary aided school': [2, 4, 'Local authority maintained schools'],
  'Voluntary controlled school': [3, 4, 'Local authority maintained schools'],
  'Foundation school': [5, 4, 'Local authority maintained schools'],
  'Community special school': [7, 5, 'Special schools'],
  'Other independent special school': [10, 5, 'Special schools'],
  'Other independent school': [11, 3, 'Independent schools'],
  'Pupil referral unit': [14, 4, 'Local authority maintained schools'],
  'Local authority nursery school': [15, 4, 'Local authority maintained schools'],
  'Further education': [18, 1, 'Colleges'],
  'Academy sponsor led': [28, 10, 'Academies'],
  'Higher education institutions': [29, 2, 'Universities'],
  'Welsh establishment': [30, 6, 'Welsh schools'],
  'Academy converter': [34, 10, 'Academies'],
  'Free schools': [35, 11, 'Free Schools'],
  'Academy alternative provision sponsor led': [43, 10, 'Academies'],
  'Academy special converter': [44, 10, 'Academies'],
};

const STATUS_CODES: Record<string, number> = {
  Open: 1,
  Closed: 2,
  'Open, but proposed to close': 3,
  'Proposed to open': 4,
};

/** One row's fields in header order: the type group and codes filled in from the type. */
export function giasRow(values: GiasValues): string[] {
  const type = String(values['TypeOfEstablishment (name)'] ?? 'Community school');
  const [typeCode, groupCode, group] = TYPE_GROUPS[type] ?? [27, 9, 'Other types'];
  const status = String(values['EstablishmentStatus (name)'] ?? 'Open');
  const filled: GiasValues = {
    'TypeOfEstablishment (code)': typeCode,
    'EstablishmentTypeGroup (code)': groupCode,
    'EstablishmentTypeGroup (name)': group,
    'EstablishmentStatus (code)': STATUS_CODES[status] ?? 1,
    'EstablishmentStatus (name)': status,
    'ReasonEstablishmentOpened (name)': 'Not applicable',
    'PreviousLA (code)': '999',
    'PreviousLA (name)': 'Not applicable',
    'Country (name)': 'United Kingdom',
    ...values,
  };
  return GIAS_HEADER.map((column) => String(filled[column] ?? ''));
}

function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

/** CSV text of the header and rows, with CRLF line ends. */
export function giasText(rows: readonly (readonly string[])[], header: readonly string[] = GIAS_HEADER): string {
  return [header, ...rows].map((row) => row.map(csvField).join(',')).join('\r\n') + '\r\n';
}

const WINDOWS_1252_EXTRAS: Record<string, number> = {
  '€': 0x80,
  '‚': 0x82,
  '„': 0x84,
  '…': 0x85,
  '‘': 0x91,
  '’': 0x92,
  '“': 0x93,
  '”': 0x94,
  '–': 0x96,
  '—': 0x97,
};

/** Text as Windows-1252 bytes (the characters a GIAS file holds). */
export function windows1252(text: string): Buffer {
  const bytes = Buffer.alloc(text.length);
  for (let i = 0; i < text.length; i++) {
    const char = text[i]!;
    const code = char.charCodeAt(0);
    const byte = code < 0x80 || (code >= 0xa0 && code <= 0xff) ? code : WINDOWS_1252_EXTRAS[char];
    if (byte === undefined) throw new Error(`${char} has no Windows-1252 byte`);
    bytes[i] = byte;
  }
  return bytes;
}

/** Text as UTF-8 bytes with a byte order mark. */
export function utf8WithBom(text: string): Buffer {
  return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]);
}
