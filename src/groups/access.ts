/**
 * Who may do what in the groups area [issue 9; seed 000: the children and parent groups are
 * "managed and organised by the Senior SSFP, in liaison with each school"].
 */
import type { CurrentUser } from '../platform/roles.ts';

/** See the year's rotation and programmes (school users see only their own nominations' details). */
export const GROUP_READERS = ['senior_practitioner', 'practitioner', 'team_manager', 'school_user'] as const;
/** Create programmes, confirm or decline places, change session dates, generate the rotation. */
export const GROUP_ORGANISERS = ['senior_practitioner'] as const;
/** Define clusters of schools and move schools between them. */
export const CLUSTER_EDITORS = ['senior_practitioner', 'admin'] as const;
/** Nominate a parent or a child for a place. */
export const NOMINATORS = ['school_user', 'senior_practitioner'] as const;
/** Take a session's register and enter pre/post scores: the senior practitioner, or a practitioner facilitating the group. */
export const REGISTER_TAKERS = ['senior_practitioner', 'practitioner'] as const;
/** Read the groups report. */
export const GROUP_REPORT_READERS = ['senior_practitioner', 'team_manager', 'analyst'] as const;

export const isOrganiser = (user: CurrentUser) => user.roles.includes('senior_practitioner');
/** A school user sees names and contacts only for places with a child at one of their schools. */
export const isSchoolOnly = (user: CurrentUser) => !user.roles.some((role) => role !== 'school_user');
