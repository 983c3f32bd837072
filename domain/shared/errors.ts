/**
 * A rule of the domain was broken. `code` is stable (it becomes the problem+json `type`
 * `https://cam.lmhtx.vn/problems/<code>`); `rule` says, for people, what the rule protects.
 */
export class DomainError extends Error {
  constructor(
    readonly code: string,
    readonly rule: string,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

/** Every domain rule, by code: the catalogue the HTTP layer and the docs read. */
export const RULES = {
  'campaign-not-launched': 'a record needs the campaign it belongs to to be launched first',
  'campaign-already-launched': 'one campaign per organiser per year',
  'campaign-closed': 'a closed campaign takes no new records',
  'window-outside-year': "windows of a campaign lie inside the campaign's year",
  'duplicate-activity': 'focus activity ids are unique within a plan',
  'unknown-activity': 'a record may only refer to a focus activity of the plan',
  'duplicate-fund': 'one budget line per fund source',
  'budget-below-approved': 'a fund budget cannot be cut below what is already approved from it',
  'date-outside-campaign-year': "a campaign's records are dated within its year",
  'district-after-2025': 'districts were abolished on 1 July 2025; later records name communes only',
  'unknown-province': 'province codes come from the official list in force at the time',
  'province-merged':
    'a province merged on 1 July 2025 under another code takes no records dated from that day; its successor records them',
  'publication-not-meeting':
    'bulletins, press, radio, television and websites are publications, recorded and counted apart from meetings',
  'publication-already-recorded': 'a publication is recorded once',
  'publication-not-found': 'a retraction refers to a recorded publication',
  'publication-retracted': 'a retracted publication cannot be retracted again',
  'meeting-already-recorded': 'a meeting is recorded once; later changes are corrections',
  'meeting-not-found': 'a correction or retraction refers to a recorded meeting',
  'meeting-retracted': 'a retracted meeting cannot be changed',
  'nothing-to-correct': 'a correction changes at least one field',
  'cooperative-already-registered': 'a cooperative is registered once',
  'cooperative-not-registered': 'support and nominations go to registered cooperatives',
  'cooperative-not-active': 'support and nominations go to active cooperatives',
  'cooperative-other-province': "support and nominations go to cooperatives of the campaign's province",
  'status-unchanged': 'a status change changes the status',
  'approval-already-recorded': 'a decision number is recorded once per campaign',
  'fund-not-budgeted': "support is approved only from fund sources in the campaign's budget",
  'fund-budget-exceeded': "the sum approved per fund never exceeds the campaign's budget for that fund",
  'approval-not-found': 'a disbursement refers to a recorded approval',
  'disbursement-exceeds-approved': 'disbursed never exceeds approved',
  'disbursement-already-recorded': 'a disbursement reference is recorded once',
  'disbursement-not-found': 'a reversal refers to a recorded disbursement',
  'disbursement-already-reversed': 'a disbursement is reversed at most once',
  'appraisal-already-recorded': 'a loan appraisal is recorded once',
  'nomination-active-exists': 'one active nomination per cooperative per campaign',
  'nomination-not-found': 'a nomination step refers to a recorded nomination',
  'nomination-not-shortlisted': 'only shortlisted nominations are forwarded',
  'nomination-not-forwarded': 'only forwarded nominations are honoured',
  'nomination-not-open': 'a nomination that is honoured, declined or withdrawn takes no further step',
  'nomination-not-pending': 'only a nomination awaiting selection is shortlisted',
  'round-already-recorded': 'an admission round is recorded once',
  'consultation-already-opened': 'a consultation is opened once per draft',
  'consultation-not-found': 'a reply refers to an opened consultation',
  'not-consulted': 'only consulted parties reply',
  'already-replied': 'each consulted party replies once',
  'consultation-closed': 'a closed consultation takes no replies',
  'petition-already-recorded': 'a petition is recorded once',
  'petition-not-found': 'a response refers to a recorded petition',
  'petition-already-resolved': 'a resolved petition takes no further response',
  'dialogue-already-held': 'a dialogue conference is recorded once',
  'dialogue-not-found': 'a petition refers to a recorded dialogue conference',
  'task-already-assigned': 'a task is assigned once',
  'task-not-found': 'progress and completion refer to an assigned task',
  'task-already-completed': 'a completed task takes no further progress',
  'task-cancelled': 'a cancelled task takes no further progress',
  'progress-backwards': 'reported progress does not go down',
  'report-due-before-period-end':
    'a report is due in the last month of the period it covers or later (the year-end report before 20 December)',
  'reporter-listed-twice': 'each expected reporter is listed once',
  'report-already-submitted': 'each reporter submits a report once; a correction is a new document, noted on the first',
  'submission-outside-period': 'a report is submitted after its period starts and before the end of the next year',
  'national-event-not-national':
    'the national alliance records the national events it holds; provinces record the ones they attend',
  'national-event-already-recorded': "a national event, or a province's attendance at it, is recorded once",
  'steering-head-count': 'a steering committee has exactly one head (Trưởng ban)',
  'steering-member-listed-twice': 'each member of a steering committee is listed once',
  'steering-decision-older': 'a composition is replaced only by a decision of the same day or later',
  'advice-already-recorded': 'an advice record is recorded once',
} as const;

export type RuleCode = keyof typeof RULES;

export function fail(code: RuleCode, message: string, details: Record<string, unknown> = {}): never {
  throw new DomainError(code, RULES[code], message, details);
}
