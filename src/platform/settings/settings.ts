/**
 * The service settings: every value that a source document names and that the local authority
 * may change. Each setting is declared once, here, with its label, hint, source, default, the
 * values it may take and how it is asked for. The database stores only values an administrator
 * has changed; everything else reads the default.
 *
 * To add a setting, add one entry to SETTINGS with `numberSetting` or `choiceSetting` (and a
 * group to SETTING_GROUPS in definitions.ts if none fits). Its type flows to
 * `settings.get(key)`, and the administrator's pages list it and give it the right form with
 * no other change. Rules that tie two settings together go in SETTING_RULES.
 *
 * Other modules read settings through `services.settings.get(key)`, or, from a service that
 * has only the database or is inside a transaction, `readSetting(dbOrTrx, key)` in service.ts.
 */
import { CASEWORK_SETTINGS } from './casework-settings.ts';
import { UPLOAD_SETTINGS } from './upload-settings.ts';
import { SIGN_IN_SETTINGS } from './sign-in-settings.ts';
import { capitalise, choiceSetting, numberSetting, type NumberSetting, type SettingDefinition } from './definitions.ts';

export {
  SETTING_GROUPS,
  type SettingGroupId,
  type SettingDefinition,
  type NumberSetting,
  type ChoiceSetting,
} from './definitions.ts';

export const SETTINGS = {
  ...CASEWORK_SETTINGS,
  ...SIGN_IN_SETTINGS,
  'ssfp-minimum-age': numberSetting({
    label: 'Minimum age for school-support family practitioner (SSFP) support',
    name: 'minimum age',
    hint: 'Children younger than this are not eligible for the SSFP service.',
    group: 'referrals',
    source:
      'Havering SEMH Team proposal and Havering schools forum report 2024-25: aged between five and eleven (or ten)',
    default: 5,
    min: 4,
    max: 18,
    unit: { one: 'year', other: 'years' },
  }),
  'ssfp-maximum-age': numberSetting({
    label: 'Maximum age for school-support family practitioner (SSFP) support',
    name: 'maximum age',
    hint: 'Children older than this are not eligible for the SSFP service. One paper says 10.',
    group: 'referrals',
    source:
      'Havering SEMH Team proposal: aged between five and eleven; Havering schools forum report 2024-25: five and ten',
    default: 11,
    min: 4,
    max: 18,
    unit: { one: 'year', other: 'years' },
  }),
  'acknowledge-within-hours': numberSetting({
    label: 'Acknowledge a referral within',
    name: 'time to acknowledge a referral',
    hint: 'The referrer is told their request has been received within this many hours.',
    group: 'referrals',
    source: 'Southend Early Help Family Support service document (2016): acknowledged within 24 hours',
    default: 24,
    min: 1,
    max: 168,
    unit: { one: 'hour', other: 'hours' },
  }),
  'outcome-within-hours': numberSetting({
    label: 'Tell the referrer the outcome within',
    name: 'time to tell the outcome',
    hint: 'The referrer is told the triage outcome within this many hours of the referral.',
    group: 'referrals',
    source: 'Southend Early Help Family Support service document (2016): referrers are notified within 48 hours',
    default: 48,
    min: 1,
    max: 336,
    unit: { one: 'hour', other: 'hours' },
  }),
  'outcome-clock': choiceSetting({
    label: 'How the outcome clock counts',
    name: 'how the outcome clock counts',
    hint: 'Clock hours count every hour; working days skip weekends and bank holidays (48 hours is 2 working days).',
    group: 'referrals',
    source: 'Southend Early Help Family Support service document (2016): referrers are notified within 48 hours',
    default: 'hours',
    options: [
      { value: 'hours', text: 'Clock hours' },
      { value: 'working-days', text: 'Working days' },
    ],
  }),
  'triage-frequency': choiceSetting({
    label: 'How often the triage panel meets',
    name: 'how often the triage panel meets',
    hint: 'Triage meets in term time only.',
    group: 'triage',
    source:
      'Havering schools forum report 2024-25: each Friday during term time; Havering SEMH Team proposal: fortnightly on a Friday',
    default: 'weekly',
    options: [
      { value: 'weekly', text: 'Every week' },
      { value: 'fortnightly', text: 'Every 2 weeks (fortnightly)' },
    ],
  }),
  'triage-day': choiceSetting({
    label: 'Day the triage panel meets',
    name: 'the triage day',
    hint: 'If the day is a bank holiday or outside term time, triage moves to the next meeting.',
    group: 'triage',
    source: 'Havering SEMH Team proposal and Havering schools forum report 2024-25: on a Friday',
    default: 'friday',
    options: [
      { value: 'monday', text: 'Monday' },
      { value: 'tuesday', text: 'Tuesday' },
      { value: 'wednesday', text: 'Wednesday' },
      { value: 'thursday', text: 'Thursday' },
      { value: 'friday', text: 'Friday' },
    ],
  }),
  'core-offer-cases': numberSetting({
    label: 'Core offer for each maintained school',
    name: 'core offer',
    hint: 'The least number of cases a year each maintained school gets before the rest is shared by vulnerability.',
    group: 'allocation',
    source:
      'Havering SEMH Team proposal: at least 1 case per year per school; Havering schools forum report 2024-25: 2 cases',
    default: 1,
    min: 1,
    max: 2,
    unit: { one: 'case a year', other: 'cases a year' },
  }),
  'small-group-schools-percent': numberSetting({
    label: 'Schools offered small-group interventions',
    name: 'share of schools offered small groups',
    hint: 'The most vulnerable schools in the plan, as a share of the schools in it (rounded up), are offered small-group interventions for children.',
    group: 'allocation',
    source: 'Havering SEMH Team proposal: the most vulnerable schools will also be offered small group interventions',
    default: 10,
    min: 0,
    max: 100,
    unit: '%',
  }),
  'group-completion-percent': numberSetting({
    label: 'Sessions attended to complete a group',
    name: 'share of sessions to complete a group',
    hint: 'A participant has completed a group programme when they attended at least this share of its sessions.',
    group: 'groups',
    source: 'A choice for the service: for example, at least 75% of sessions',
    default: 75,
    min: 1,
    max: 100,
    unit: '%',
  }),
  'publish-vulnerability-table': choiceSetting({
    label: 'Show schools the vulnerability table',
    name: 'whether schools see the vulnerability table',
    hint: 'Whether school users can see every school’s rank and score, or only their own school’s quota.',
    group: 'allocation',
    source: 'A choice for the authority: it decides whether to publish the table',
    default: 'no',
    options: [
      { value: 'no', text: 'No, schools see only their own quota' },
      { value: 'yes', text: 'Yes, schools see every school’s rank and score' },
    ],
  }),
  'default-max-caseload': numberSetting({
    label: 'Most cases a full-time practitioner holds',
    name: 'maximum caseload',
    hint: 'The starting maximum for a practitioner, scaled by their hours; the team manager can change it for each practitioner.',
    group: 'allocation',
    source:
      'Havering SEMH Team proposal: c200 families a year for 4 practitioners, about 4 months each, is about 16 open cases each',
    default: 16,
    min: 1,
    max: 60,
    unit: { one: 'case', other: 'cases' },
  }),
  'reduced-timetable-flag-weeks': numberSetting({
    label: 'Flag a reduced timetable without a plan after',
    name: 'time before a reduced timetable is flagged',
    hint: 'Reduced timetables longer than this with no plan back to full time are flagged.',
    group: 'attendance',
    source: 'Portsmouth school attendance strategy: reduced timetables that exceed 6 weeks with no clear plan',
    default: 6,
    min: 1,
    max: 52,
    unit: { one: 'week', other: 'weeks' },
  }),
  'persistent-absence-percent': numberSetting({
    label: 'Persistent absence threshold',
    name: 'persistent absence threshold',
    hint: 'A pupil who misses this share of possible sessions or more is persistently absent.',
    group: 'attendance',
    source: 'DfE national measure: 10% or more of possible sessions missed',
    default: 10,
    min: 1,
    max: 100,
    unit: '%',
  }),
  'severe-absence-percent': numberSetting({
    label: 'Severe absence threshold',
    name: 'severe absence threshold',
    hint: 'A pupil who misses this share of possible sessions or more is severely absent.',
    group: 'attendance',
    source: 'DfE national measure: 50% or more of possible sessions missed',
    default: 50,
    min: 1,
    max: 100,
    unit: '%',
  }),
  ...UPLOAD_SETTINGS,
} satisfies Record<string, SettingDefinition>;

export type Settings = typeof SETTINGS;
export type SettingKey = keyof Settings;
export type SettingValue<K extends SettingKey> = Settings[K]['default'];
export type SettingValues = { [K in SettingKey]: SettingValue<K> };

export const SETTING_KEYS = Object.keys(SETTINGS) as SettingKey[];

export function isSettingKey(key: string): key is SettingKey {
  return Object.hasOwn(SETTINGS, key);
}

export function settingDefinition(key: SettingKey): SettingDefinition {
  return SETTINGS[key] as SettingDefinition;
}

export function defaultSettingValues(): SettingValues {
  return Object.fromEntries(SETTING_KEYS.map((key) => [key, SETTINGS[key].default])) as SettingValues;
}

/** A rule tying settings together: the message for the setting being changed, if broken. */
export interface SettingRule {
  keys: readonly SettingKey[];
  check(values: SettingValues, changed: SettingKey): string | undefined;
}

/** `lower` must not be more than `upper` (or must be less, when strict). */
export function orderedSettings(lower: SettingKey, upper: SettingKey, options: { strict?: boolean } = {}): SettingRule {
  return {
    keys: [lower, upper],
    check(values, changed) {
      const low = values[lower] as number;
      const high = values[upper] as number;
      if (options.strict ? low < high : low <= high) return undefined;
      const lowDef = settingDefinition(lower);
      const highDef = settingDefinition(upper);
      if (changed === lower) {
        const relation = options.strict ? 'less than' : 'the same as or less than';
        return `${capitalise(lowDef.name)} must be ${relation} the ${highDef.name} (${(highDef as NumberSetting).format(high)})`;
      }
      const relation = options.strict ? 'more than' : 'the same as or more than';
      return `${capitalise(highDef.name)} must be ${relation} the ${lowDef.name} (${(lowDef as NumberSetting).format(low)})`;
    },
  };
}

export const SETTING_RULES: readonly SettingRule[] = [
  orderedSettings('ssfp-minimum-age', 'ssfp-maximum-age'),
  orderedSettings('acknowledge-within-hours', 'outcome-within-hours'),
  orderedSettings('persistent-absence-percent', 'severe-absence-percent', { strict: true }),
  orderedSettings('typical-case-length-months', 'longest-case-months'),
  orderedSettings('inclusion-programme-length-months', 'longest-case-months'),
];

/** The first broken rule involving `changed`, given the values with the change made. */
export function brokenRule(values: SettingValues, changed: SettingKey): string | undefined {
  for (const rule of SETTING_RULES) {
    if (!rule.keys.includes(changed)) continue;
    const message = rule.check(values, changed);
    if (message) return message;
  }
  return undefined;
}
