import type { Config } from './config.ts';
import type { Db } from './db/connection.ts';
import type { Logger } from './platform/logger.ts';
import { authService } from './platform/auth/service.ts';
import { auditRepository } from './platform/audit/repository.ts';
import { usersService } from './platform/users/service.ts';
import { passwordLinksService } from './platform/users/password-links.ts';
import { settingsService } from './platform/settings/service.ts';
import { calendarService } from './platform/calendar/service.ts';
import { schoolsService } from './schools/service.ts';
import { schoolFiguresService } from './schools/figures/service.ts';
import { childrenService } from './children/service.ts';
import { outboxRepository } from './platform/notify/outbox.ts';
import { referralsService } from './referrals/service.ts';
import { triageService } from './triage/service.ts';
import { vulnerabilityService } from './allocation/service.ts';
import { plansService } from './allocation/plans.ts';
import { decisionsService } from './triage/decisions.ts';
import { panelsService } from './triage/panels.ts';
import { knownEpisodesService } from './referrals/known-episodes/service.ts';
import { frontDoorReportService } from './reports/front-door.ts';
import { practitionersService } from './allocation/practitioners.ts';
import { allocationQueueService } from './allocation/queue.ts';
import { caseworkService } from './casework/service.ts';
import { attendanceImports } from './attendance/marks/service.ts';
import { attendanceDashboard } from './attendance/dashboard/service.ts';
import { chronicAbsence } from './attendance/chronic/service.ts';
import { rollService } from './attendance/roll/service.ts';
import { suspensionsService } from './attendance/suspensions/service.ts';
import { reducedTimetablesService } from './attendance/reduced-timetables/service.ts';
import { comparatorsService } from './attendance/comparators/service.ts';
import { giasImports } from './schools/gias/service.ts';
import { clockFromSettings, type Clock } from './platform/clock.ts';
import { twoFactorService } from './platform/auth/two-factor/service.ts';
import { singleSignOnService } from './platform/auth/oidc/service.ts';
import { oidcClient } from './platform/auth/oidc/client.ts';
import { accountAccessService } from './platform/auth/account-access.ts';
import { councilService } from './platform/instance/council.ts';

/** Builds every service from the database: the one place where the parts are wired together. */
export function buildServices(
  db: Db,
  config: Config,
  logger: Logger,
  clock: Clock = clockFromSettings(config.now, config.nowSince),
) {
  const settings = settingsService(db);
  const practitioners = practitionersService(db, settings);
  return {
    db,
    config,
    logger,
    clock,
    auth: authService(db, config, clock),
    twoFactor: twoFactorService(db, clock),
    accountAccess: accountAccessService(db),
    /** Single sign-on, when the council's OpenID Connect provider is configured. */
    sso: config.oidc ? { accounts: singleSignOnService(db, clock), provider: oidcClient(config.oidc) } : undefined,
    /** The council's own words and whether this is the demo. */
    council: councilService(db, clock),
    audit: auditRepository(db),
    users: usersService(db),
    passwordLinks: passwordLinksService(db, clock),
    settings,
    calendar: calendarService(db),
    schools: schoolsService(db),
    schoolFigures: schoolFiguresService(db),
    children: childrenService(db),
    notifications: outboxRepository(db),
    referrals: referralsService(db),
    triage: triageService(db),
    vulnerability: vulnerabilityService(db),
    plans: plansService(db),
    decisions: decisionsService(db),
    panels: panelsService(db),
    knownEpisodes: knownEpisodesService(db),
    frontDoorReport: frontDoorReportService(db),
    practitioners,
    allocationQueue: allocationQueueService(db, practitioners),
    casework: caseworkService(db),
    // Attendance: session marks, the dashboard and work list, and the records beside the marks.
    attendanceImports: attendanceImports(db, { clock, logger, uploadsFolder: config.uploadDir }),
    attendanceDashboard: attendanceDashboard(db, clock),
    chronicAbsence: chronicAbsence(db, clock),
    attendanceRoll: rollService(db, clock),
    suspensions: suspensionsService(db, clock),
    reducedTimetables: reducedTimetablesService(db, clock),
    attendanceComparators: comparatorsService(db, clock),
    giasImports: giasImports(db, { clock, logger, uploadsFolder: config.uploadDir }),
  };
}

export type Services = ReturnType<typeof buildServices>;
