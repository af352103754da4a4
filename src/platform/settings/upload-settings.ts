// The largest files people may upload, where that depends on the authority's data. Part of the
// settings registry in settings.ts, which spreads them in.
import { numberSetting, type SettingDefinition } from './definitions.ts';

const MEGABYTES = { one: 'MB', other: 'MB' };

export const UPLOAD_SETTINGS = {
  'marks-upload-authority-mb': numberSetting({
    label: 'Largest marks file the authority’s staff may upload',
    name: 'largest marks file for the authority’s staff',
    hint: 'For attendance officers, who send marks for every school. A year of marks for a whole borough is about 420 MB.',
    group: 'attendance',
    source: 'The size of a borough’s year of attendance marks: about 420 MB',
    default: 600,
    min: 1,
    max: 4096,
    unit: MEGABYTES,
  }),
  'marks-upload-school-mb': numberSetting({
    label: 'Largest marks file a school may upload',
    name: 'largest marks file for a school',
    hint: 'For school users, who send marks for their own school only: far less than a whole borough.',
    group: 'attendance',
    source: 'One school’s year of marks is far smaller than the borough’s',
    default: 60,
    min: 1,
    max: 4096,
    unit: MEGABYTES,
  }),
} satisfies Record<string, SettingDefinition>;
