import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';

/**
 * England's local authorities with their DfE LA codes, from the DfE's LA and region lookup
 * (2018-19) brought up to date with later reorganisations (Cumberland, Westmorland and Furness,
 * North and West Northamptonshire). Contains public sector information licensed under the Open
 * Government Licence v3.0.
 */
export interface LocalAuthority {
  code: number;
  name: string;
}

const FILE = new URL('./local-authorities.csv', import.meta.url);

let cached: LocalAuthority[] | undefined;

/** Every English local authority, by name. */
export function localAuthorities(): LocalAuthority[] {
  cached ??= (
    parse(readFileSync(FILE), { columns: true, skip_empty_lines: true }) as { code: string; name: string }[]
  ).map((row) => ({
    code: Number(row.code),
    name: row.name,
  }));
  return cached;
}

export function localAuthority(code: number | null | undefined): LocalAuthority | undefined {
  return code == null ? undefined : localAuthorities().find((la) => la.code === code);
}
