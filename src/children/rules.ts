/** The children's rules: unique pupil numbers (UPNs) and age. Pure functions. */
import { assertIsoDate } from '../platform/calendar/calendar.ts';

/** Letters used for UPN check characters (I, O and S are never used). */
const CHECK_LETTERS = 'ABCDEFGHJKLMNPQRTUVWXYZ';

/** Value of a UPN character after the check letter: digits as themselves, letters by CHECK_LETTERS. */
function characterValue(character: string): number {
  return /\d/.test(character) ? Number(character) : CHECK_LETTERS.indexOf(character);
}

/**
 * The check letter of a unique pupil number (DfE UPN guidance): characters 2–13 are
 * weighted 2 to 13, summed, and the remainder after dividing by 23 picks the letter.
 */
export function upnCheckLetter(rest: string): string {
  let sum = 0;
  for (let i = 0; i < rest.length; i++) sum += characterValue(rest[i]) * (i + 2);
  return CHECK_LETTERS[sum % 23];
}

/** A 13-character UPN with a correct check letter, a 3-digit LA code, and a digit or letter last. */
export function isValidUpn(value: string): boolean {
  const upn = value.trim().toUpperCase();
  if (!/^[A-Z]\d{11}[0-9A-Z]$/.test(upn)) return false;
  if (!CHECK_LETTERS.includes(upn[0]) || (!/\d/.test(upn[12]) && !CHECK_LETTERS.includes(upn[12]))) return false;
  return upnCheckLetter(upn.slice(1)) === upn[0];
}

export function makeUpn(laCode: number, estab: string, yearAllocated: number, serial: number): string {
  const rest = `${laCode}${estab.padStart(4, '0')}${String(yearAllocated % 100).padStart(2, '0')}${String(serial).padStart(3, '0')}`;
  return upnCheckLetter(rest) + rest;
}

/**
 * Age in whole years on a date, the English way: a child born on 29 February turns a year
 * older on 1 March in years that have no 29 February.
 */
export function ageOn(dateOfBirth: string, onDate: string): number {
  const [birthYear, birthMonth, birthDay] = assertIsoDate(dateOfBirth).split('-').map(Number);
  const [year, month, day] = assertIsoDate(onDate).split('-').map(Number);
  const hadBirthday = month > birthMonth || (month === birthMonth && day >= birthDay);
  return year - birthYear - (hadBirthday ? 0 : 1);
}
