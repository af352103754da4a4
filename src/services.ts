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
import { vulnerabilityService } from './allocation/vulnerability/service.ts';
import { plansService } from './allocation/plans/service.ts';
import { decisionsService } from './triage/decisions.ts';
import { panelsService } from './triage/panels.ts';
import { knownEpisodesService } from './referrals/known-episodes/service.ts';
import { frontDoorReportService } from './reports/front-door.ts';
import { practitionersService } from './allocation/team/service.ts';
import { allocationQueueService } from './allocation/queue/service.ts';
import { caseworkService } from './casework/service.ts';
import { groupsOverviewService } from './groups/service.ts';
import { clustersService } from './groups/clusters/service.ts';
import { rotationService } from './groups/rotation/service.ts';
import { programmesService } from './groups/programmes/service.ts';
import { nominationService, placeDecisionsService } from './groups/places/service.ts';
import { caseBookingsService } from './groups/bookings/service.ts';
import { registerService } from './groups/registers/service.ts';
import { attendanceService } from './groups/registers/attendance/service.ts';
import { measuresService } from './groups/registers/measures/service.ts';
import { groupReportService } from './groups/report/service.ts';
import { attendanceImports } from './attendance/imports.ts';
import { giasImports } from './schools/gias/imports.ts';
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
  // Allocation: the team's profiles, used by the queue.
  const practitioners = practitionersService(db, settings, clock);
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
    vulnerability: vulnerabilityService(db, clock),
    plans: plansService(db, clock),
    decisions: decisionsService(db),
    panels: panelsService(db),
    knownEpisodes: knownEpisodesService(db),
    frontDoorReport: frontDoorReportService(db),
    practitioners,
    allocationQueue: allocationQueueService(db, practitioners, clock),
    casework: caseworkService(db),
    /** Groups: the overview (and the school year a page is about), clusters, the rotation, programmes, places, registers and the report. */
    groups: {
      overview: groupsOverviewService(db, clock),
      clusters: clustersService(db, clock),
      rotation: rotationService(db),
      programmes: programmesService(db, clock),
      nominations: nominationService(db, clock),
      decisions: placeDecisionsService(db, clock),
      caseBookings: caseBookingsService(db, clock),
      registers: registerService(db, clock),
      attendance: attendanceService(db, clock),
      measures: measuresService(db),
      report: groupReportService(db, clock),
    },
    attendanceImports: attendanceImports(db, { clock, logger, uploadsFolder: config.uploadDir }),
    giasImports: giasImports(db, { clock, logger, uploadsFolder: config.uploadDir }),
  };
}

export type Services = ReturnType<typeof buildServices>;
