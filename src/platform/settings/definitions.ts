/**
 * The kinds of setting (a whole number with a unit, or a choice of options) and the helpers
 * that declare them. The settings themselves are in settings.ts.
 */
import { z } from 'zod';

export const SETTING_GROUPS = [
  { id: 'referrals', title: 'Referrals and eligibility' },
  { id: 'triage', title: 'Triage' },
  { id: 'allocation', title: 'Allocation' },
  { id: 'casework', title: 'Casework' },
  { id: 'attendance', title: 'Attendance' },
  { id: 'groups', title: 'Groups' },
  { id: 'sign-in', title: 'Signing in' },
] as const;

export type SettingGroupId = (typeof SETTING_GROUPS)[number]['id'];

export interface BaseSetting<T> {
  /** The question on the edit page and the row heading on the summary. */
  label: string;
  /**
   * The setting's name inside an error message: for a number, 'minimum age' gives 'Enter the
   * minimum age'; for a choice, 'the triage day' gives 'Select the triage day'.
   */
  name: string;
  hint: string;
  group: SettingGroupId;
  /** Where the default comes from, such as 'Havering SEMH Team proposal'. */
  source: string;
  default: T;
  /** Checks a value typed into the form (a string) or given by code. */
  schema: z.ZodType<T>;
  /** The value for people to read, such as '5 years'. */
  format(value: T): string;
}

export interface NumberSetting extends BaseSetting<number> {
  input: 'number';
  min: number;
  max: number;
  /** Shown after the box, such as 'years' or '%'. */
  suffix: string;
}

export interface ChoiceSetting<V extends string = string> extends BaseSetting<V> {
  input: 'radios';
  options: readonly { value: V; text: string }[];
}

export type SettingDefinition = NumberSetting | ChoiceSetting;

type Unit = '%' | { one: string; other: string };

export function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** A whole number between min and max, with a unit such as { one: 'year', other: 'years' } or '%'. */
export function numberSetting(definition: {
  label: string;
  name: string;
  hint: string;
  group: SettingGroupId;
  source: string;
  default: number;
  min: number;
  max: number;
  unit: Unit;
}): NumberSetting {
  const { min, max, unit, name } = definition;
  const Name = capitalise(name);
  const range = max - min === 1 ? `${min} or ${max}` : `between ${min} and ${max}`;
  const schema = z.preprocess(
    (raw) => {
      if (typeof raw !== 'string') return raw;
      const text = raw.trim().replace(/%$/, '').trim();
      if (text === '') return undefined;
      return /^-?\d+$/.test(text) ? Number(text) : raw;
    },
    z
      .number({
        error: (issue) => (issue.input === undefined ? `Enter the ${name}` : `${Name} must be a whole number`),
      })
      .int(`${Name} must be a whole number`)
      .min(min, `${Name} must be ${range}`)
      .max(max, `${Name} must be ${range}`),
  ) as z.ZodType<number>;
  return {
    ...definition,
    input: 'number',
    schema,
    suffix: unit === '%' ? '%' : unit.other,
    format: (value) => (unit === '%' ? `${value}%` : `${value} ${value === 1 ? unit.one : unit.other}`),
  };
}

/** One of a fixed list of options, asked for with radios. */
export function choiceSetting<const V extends string>(definition: {
  label: string;
  name: string;
  hint: string;
  group: SettingGroupId;
  source: string;
  default: NoInfer<V>;
  options: readonly { value: V; text: string }[];
}): ChoiceSetting<V> {
  const values = definition.options.map((option) => option.value) as [V, ...V[]];
  return {
    ...definition,
    input: 'radios',
    schema: z.enum(values, { error: `Select ${definition.name}` }) as unknown as z.ZodType<V>,
    format: (value) => definition.options.find((option) => option.value === value)?.text ?? value,
  };
}
