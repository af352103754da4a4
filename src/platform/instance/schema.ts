import type { ColumnType, Generated } from 'kysely';

export interface InstanceTable {
  one_row: Generated<boolean>;
  kind: 'demo' | 'live';
  created_at: ColumnType<Date, Date | undefined, never>;
}

/** The council's own words, one row; every field is empty until an administrator fills it in. */
export interface CouncilTable {
  one_row: Generated<boolean>;
  authority_name: string | null;
  la_code: number | null;
  service_name: string | null;
  front_door_phone: string | null;
  front_door_email: string | null;
  out_of_hours_phone: string | null;
  mash_contact: string | null;
  dpo_contact: string | null;
  privacy_controller: string | null;
  privacy_sharing: string | null;
  privacy_retention: string | null;
  feedback_email: string | null;
  footer_owner: string | null;
  updated_at: ColumnType<Date, Date | undefined, Date>;
  updated_by: number | null;
}

export interface InstanceTables {
  instance: InstanceTable;
  council: CouncilTable;
}
