import type { Migration, MigrationProvider } from 'kysely';
import * as m001 from './001_foundation.ts';
import * as m002 from './002_front_door.ts';
import * as m003 from './003_school_figures.ts';
import * as m004 from './004_allocation_plans.ts';
import * as m005 from './005_allocation_cases.ts';
import * as m006 from './006_casework.ts';
import * as m007 from './007_case_professionals.ts';
import * as m008 from './008_attendance_marks.ts';
import * as m009 from './009_attendance_records.ts';
import * as m010 from './010_attendance_lead_professionals.ts';
import * as m011 from './011_attendance_comparators.ts';
import * as m012 from './012_funding.ts';
import * as m013 from './013_groups.ts';
import * as m014 from './014_referral_checkbox_lists.ts';
import * as m015 from './015_sign_in_methods.ts';
import * as m016 from './016_sign_in_attempt_lookups.ts';
import * as m017 from './017_instance.ts';
import * as m018 from './018_password_links.ts';
import * as m019 from './019_school_register.ts';
import * as m020 from './020_import_heartbeats.ts';
import * as m021 from './021_sources_by_title.ts';
import * as m022 from './022_clock_defaults.ts';
import * as m023 from './023_attendance_aggregates.ts';

/** Every migration, in order. A new migration is a new file plus one line here. */
export const migrations: MigrationProvider = {
  async getMigrations(): Promise<Record<string, Migration>> {
    return {
      '001_foundation': m001,
      '002_front_door': m002,
      '003_school_figures': m003,
      '004_allocation_plans': m004,
      '005_allocation_cases': m005,
      '006_casework': m006,
      '007_case_professionals': m007,
      '008_attendance_marks': m008,
      '009_attendance_records': m009,
      '010_attendance_lead_professionals': m010,
      '011_attendance_comparators': m011,
      '012_funding': m012,
      '013_groups': m013,
      '014_referral_checkbox_lists': m014,
      '015_sign_in_methods': m015,
      '016_sign_in_attempt_lookups': m016,
      '017_instance': m017,
      '018_password_links': m018,
      '019_school_register': m019,
      '020_import_heartbeats': m020,
      '021_sources_by_title': m021,
      '022_clock_defaults': m022,
      '023_attendance_aggregates': m023,
    };
  },
};
