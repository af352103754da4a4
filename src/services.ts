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
import { decisionsService } from './triage/decisions/service.ts';
import { panelsService } from './triage/panels/service.ts';
import { knownEpisodesService } from './referrals/known-episodes/service.ts';
import { frontDoorReportService } from './reports/front-door/service.ts';
import { caseworkReportService } from './reports/casework/service.ts';
import { schoolCaseView } from './casework/school-view/service.ts';
import { caseOfReferral } from './casework/school-view/repository.ts';
import { practitionersService } from './allocation/team/service.ts';
import { allocationQueueService } from './allocation/queue/service.ts';
import { caseworkService } from './casework/service.ts';
import { contactsService } from './casework/contacts/service.ts';
import { assessmentService } from './casework/assessment/service.ts';
import { consentService } from './casework/assessment/consent/service.ts';
import { familyService } from './casework/assessment/family/service.ts';
import { planService } from './casework/plan/service.ts';
import { meetingsService } from './casework/meetings/service.ts';
import { measuresService as caseMeasuresService } from './casework/meetings/measures/service.ts';
import { closureService } from './casework/closure/service.ts';
import { closingService } from './casework/closure/closing/service.ts';
import { documentsService } from './casework/documents/service.ts';
import { professionalsService } from './casework/professionals/service.ts';
import { supportingFamiliesService, supportingFamiliesList } from './casework/supporting-families/service.ts';
import { groupsOverviewService } from './groups/service.ts';
import { clustersService } from './groups/clusters/service.ts';
import { rotationService } from './groups/rotation/service.ts';
import { programmesService } from './groups/programmes/service.ts';
import { nominationService, placeDecisionsService } from './groups/places/service.ts';
import { caseBookingsService, groupPlacesForCase } from './groups/bookings/service.ts';
import { registerService } from './groups/registers/service.ts';
import { attendanceService } from './groups/registers/attendance/service.ts';
import { measuresService } from './groups/registers/measures/service.ts';
import { groupReportService } from './groups/report/service.ts';
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
import { fundingYearsService } from './funding/years/service.ts';
import { factorsService } from './funding/factors/service.ts';
import { schoolDataService } from './funding/school-data/service.ts';
import { fundingPapersService } from './funding/papers/service.ts';
import { statementsService } from './funding/statements/service.ts';
import { fundingCheckService } from './funding/check/service.ts';
import { contingencyService } from './funding/contingency/service.ts';
import { healthService } from './platform/health.ts';

/** Builds every service from the database: the one place where the parts are wired together. */
export function buildServices(
  db: Db,
  config: Config,
  logger: Logger,
  clock: Clock = clockFromSettings(config.now, config.nowSince),
) {
  const settings = settingsService(db, clock);
  // Allocation: the team's profiles, used by the queue.
  const practitioners = practitionersService(db, settings, clock);
  const fundingYears = fundingYearsService(db, clock);
  const fundingFactors = factorsService(db);
  const fundingPapers = fundingPapersService(db);
  const schools = schoolsService(db);
  const caseBookings = caseBookingsService(db, clock);
  return {
    db,
    config,
    logger,
    clock,
    /** What the health checks ask of the database. */
    health: healthService(db),
    auth: authService(db, config, clock),
    twoFactor: twoFactorService(db, clock),
    accountAccess: accountAccessService(db),
    /** Single sign-on, when the council's OpenID Connect provider is configured. */
    sso: config.oidc ? { accounts: singleSignOnService(db, clock), provider: oidcClient(config.oidc) } : undefined,
    /** The council's own words and whether this is the demo. */
    council: councilService(db, clock),
    audit: auditRepository(db),
    users: usersService(db, clock, async () =>
      (await schools.list({})).map((school) => ({ urn: school.urn, name: school.displayName })),
    ),
    passwordLinks: passwordLinksService(db, clock),
    settings,
    calendar: calendarService(db),
    schools,
    schoolFigures: schoolFiguresService(db),
    children: childrenService(db),
    notifications: outboxRepository(db, clock),
    // The front door: referrals (a school sees its case's support through casework's school view), triage.
    referrals: referralsService(db, clock, async (trx, referralId, today) => {
      const caseId = await caseOfReferral(trx, referralId);
      return caseId === undefined ? undefined : schoolCaseView(trx, caseId, today);
    }),
    triage: triageService(db, clock),
    vulnerability: vulnerabilityService(db, clock),
    plans: plansService(db, clock),
    decisions: decisionsService(db, clock),
    panels: panelsService(db, clock),
    knownEpisodes: knownEpisodesService(db, clock),
    // Reports.
    frontDoorReport: frontDoorReportService(db, clock),
    caseworkReport: caseworkReportService(db, clock),
    practitioners,
    allocationQueue: allocationQueueService(db, practitioners, clock),
    // Casework: the caseload and case pages, and each part of working a case.
    casework: caseworkService(db, clock, (caseId, today) => groupPlacesForCase(db, caseId, today)),
    caseContacts: contactsService(db, clock),
    caseAssessment: assessmentService(db, clock),
    caseConsents: consentService(db, clock),
    caseFamily: familyService(db, clock),
    casePlan: planService(db, clock),
    caseMeetings: meetingsService(db, clock),
    caseMeasures: caseMeasuresService(db, clock),
    caseClosure: closureService(db, clock),
    caseClosing: closingService(db, clock),
    caseDocuments: documentsService(db),
    caseProfessionals: professionalsService(db, clock),
    supportingFamilies: supportingFamiliesService(db, clock),
    supportingFamiliesList: supportingFamiliesList(db, clock),
    /** Groups: the overview (and the school year a page is about), clusters, the rotation, programmes, places, registers and the report. */
    groups: {
      overview: groupsOverviewService(db, clock),
      clusters: clustersService(db, clock),
      rotation: rotationService(db),
      programmes: programmesService(db, clock),
      nominations: nominationService(db, clock),
      decisions: placeDecisionsService(db, clock),
      caseBookings,
      registers: registerService(db, clock),
      attendance: attendanceService(db, clock),
      measures: measuresService(db),
      report: groupReportService(db, clock),
    },
    // Attendance: session marks, the dashboard and work list, and the records beside the marks.
    attendanceImports: attendanceImports(db, { clock, logger, uploadsFolder: config.uploadDir }),
    attendanceDashboard: attendanceDashboard(db, clock),
    chronicAbsence: chronicAbsence(db, clock),
    attendanceRoll: rollService(db, clock),
    suspensions: suspensionsService(db, clock),
    reducedTimetables: reducedTimetablesService(db, clock),
    attendanceComparators: comparatorsService(db, clock),
    giasImports: giasImports(db, { clock, logger, uploadsFolder: config.uploadDir }),
    // Funding: de-delegation for the schools forum, and the contingency fund.
    fundingYears,
    fundingFactors,
    fundingSchoolData: schoolDataService(db, fundingFactors),
    fundingPapers,
    fundingStatements: statementsService(db, fundingPapers),
    fundingCheck: fundingCheckService(db, fundingPapers),
    fundingContingency: contingencyService(db, clock),
  };
}

export type Services = ReturnType<typeof buildServices>;

/**
 * What routes are given: every service, and not the database, which only services (and the
 * start-up, sessions and tests) use.
 */
export type RouteServices = Omit<Services, 'db'>;
