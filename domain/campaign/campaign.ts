import { z } from 'zod';
import { Text } from '../shared/text.ts';
import type { Decider, DomainEvent } from '../shared/decider.ts';
import { fail } from './rules.ts';
import { Vnd } from '../shared/money.ts';
import { DateWindow, LocalDate, defaultPeakWindow, yearOf } from '../shared/time.ts';
import { OrganiserCode, mapForCampaignYear, province, requireUnitOpenOn } from '../shared/units.ts';

// ---------------------------------------------------------------------------------------------
// Vocabulary

/** Kinds of focus activity in a campaign plan (the ten of the Đắk Nông 2024 plan and more). */
export const ActivityKind = z.enum([
  'publicity', // tuyên truyền trên báo, đài, website
  'launch-ceremony', // lễ phát động
  'outreach-conference', // hội nghị tuyên truyền trực tiếp
  'bulletin', // bản tin Kinh tế hợp tác
  'seminar', // tọa đàm
  'support-disbursement', // hướng dẫn, giải ngân hỗ trợ
  'loan-appraisal', // thẩm định cho vay
  'market-website', // trang web, chợ nông sản
  'member-admission', // kết nạp thành viên
  'founding-advice', // tư vấn thành lập HTX
  'dialogue-conference', // hội nghị đối thoại
  'national-event', // sự kiện của Liên minh HTX Việt Nam
  'fund-restructuring', // sắp xếp lại Quỹ hỗ trợ phát triển HTX
  'target-programme', // chương trình mục tiêu quốc gia
  'nomination', // đề cử HTX tiêu biểu
  'other',
]);
export type ActivityKind = z.infer<typeof ActivityKind>;

/** What a target counts. */
export const Metric = z.enum([
  'meetings',
  'attendees',
  'cooperatives-reached',
  'bulletins',
  'publications',
  'disbursed-vnd',
  'cooperatives-supported',
  'loans-appraised',
  'members-admitted',
  'cooperatives-founded',
  'dialogues',
  'petitions-resolved',
  'nominations',
  'events-attended',
  'trainings',
  'people-trained',
  'honours',
  'visits',
  'trade-promotions',
  'in-kind-support',
  'other',
]);
export type Metric = z.infer<typeof Metric>;

/** Where support money comes from. */
export const FundSource = z.enum([
  'vca-support-fund', // Quỹ hỗ trợ phát triển HTX (Liên minh HTX Việt Nam)
  'provincial-support-fund', // Quỹ hỗ trợ phát triển HTX tỉnh
  'provincial-budget', // ngân sách tỉnh
  'central-budget', // ngân sách trung ương
  'national-target-programme', // chương trình mục tiêu quốc gia
  'other',
]);
export type FundSource = z.infer<typeof FundSource>;

export const DocumentRef = z.object({ number: Text(100), date: LocalDate });
export type DocumentRef = z.infer<typeof DocumentRef>;

/**
 * A target as the plan writes it: a number ("10 tin, bài"), a range met at its minimum ("từ 02 đến
 * 03 HTX": value 2, upTo 3), or a percentage of a base the plan names ("80% HTX đang hoạt động",
 * percent 80 of base 420). Older plans hold a number only, which is still the first form.
 */
export const Target = z
  .object({
    metric: Metric,
    value: z
      .number()
      .int()
      .nonnegative()
      .optional()
      .describe('the number to reach; for a range, its minimum (the target is met at it)'),
    upTo: z.number().int().nonnegative().optional().describe("a range's maximum, as the plan writes it"),
    percent: z
      .number()
      .positive()
      .max(1000)
      .optional()
      .describe('a percentage of `base`, in place of `value` ("80% HTX đang hoạt động": 80)'),
    base: z.number().int().positive().optional().describe('what the percentage is of, as a number (420)'),
    baseLabel: Text(300).optional().describe('what the base counts, as the plan names it ("HTX đang hoạt động")'),
    label: Text(300).optional(),
  })
  .superRefine((t, ctx) => {
    const issue = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message });
    if (t.value === undefined && t.percent === undefined)
      issue('value', 'give the number to reach, or a percentage of a base');
    if (t.value !== undefined && t.percent !== undefined)
      issue('percent', 'give either a number to reach or a percentage, not both');
    if (t.upTo !== undefined && (t.value === undefined || t.upTo < t.value))
      issue('upTo', 'a range ends at or above its minimum (value)');
    if (t.percent !== undefined && t.base === undefined) issue('base', 'a percentage needs the base it is taken of');
    if (t.percent === undefined && (t.base !== undefined || t.baseLabel !== undefined))
      issue(t.base !== undefined ? 'base' : 'baseLabel', 'a base goes with a percentage');
  });
export type Target = z.infer<typeof Target>;

/** The number a target is met at: the number, a range's minimum, or its percentage of the base rounded up. */
export function targetGoal(t: Target): number {
  if (t.value !== undefined) return t.value;
  return Math.ceil(((t.percent ?? 0) * (t.base ?? 0)) / 100 - 1e-9);
}

/** A target's quantity as the plan writes it, in Vietnamese: "10", "từ 2 đến 3", "80% của 420 HTX đang hoạt động". */
export function targetAsWritten(t: Target): string {
  const n = (x: number) => x.toLocaleString('vi-VN');
  if (t.value !== undefined)
    return t.upTo !== undefined && t.upTo !== t.value ? `từ ${n(t.value)} đến ${n(t.upTo)}` : n(t.value);
  const of = t.baseLabel !== undefined ? `${n(t.base ?? 0)} ${t.baseLabel}` : n(t.base ?? 0);
  return `${n(t.percent ?? 0)}% của ${of}`;
}
export const FocusActivity = z.object({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'must be a slug: lower-case letters, digits and "-"'),
  kind: ActivityKind,
  title: Text(500),
  window: DateWindow,
  targets: z.array(Target).max(20).default([]),
});
export type FocusActivity = z.infer<typeof FocusActivity>;

export const BudgetLine = z.object({ fund: FundSource, amount: Vnd });
export type BudgetLine = z.infer<typeof BudgetLine>;

// ---------------------------------------------------------------------------------------------
// Commands

export const LaunchCampaign = z.object({
  organiser: OrganiserCode,
  year: z.number().int().min(2000).max(2100),
  plan: DocumentRef,
  theme: Text(500),
  peak: DateWindow.optional(),
  activities: z.array(FocusActivity).max(100).default([]),
  budgets: z.array(BudgetLine).max(20).default([]),
});
export type LaunchCampaign = z.infer<typeof LaunchCampaign>;

export const AmendCampaignPlan = z.object({
  amendment: DocumentRef,
  reason: Text(2000),
  theme: Text(500).optional(),
  peak: DateWindow.optional(),
  activities: z.array(FocusActivity).max(100).optional(),
  budgets: z.array(BudgetLine).max(20).optional(),
});
export type AmendCampaignPlan = z.infer<typeof AmendCampaignPlan>;

export const CloseCampaign = z.object({ closedOn: LocalDate, summary: Text(4000).optional() });
export type CloseCampaign = z.infer<typeof CloseCampaign>;

export type CampaignCommand =
  | ({ type: 'LaunchCampaign' } & LaunchCampaign)
  | ({ type: 'AmendCampaignPlan' } & AmendCampaignPlan)
  | ({ type: 'CloseCampaign' } & CloseCampaign);

// ---------------------------------------------------------------------------------------------
// Events

export interface CampaignPlan {
  theme: string;
  peak: DateWindow;
  activities: FocusActivity[];
  budgets: BudgetLine[];
}

export type CampaignLaunched = DomainEvent<
  'CampaignLaunched',
  {
    organiser: OrganiserCode;
    provinceId: string | null;
    provinceName: string | null;
    year: number;
    plan: DocumentRef;
  } & CampaignPlan
>;
export type CampaignPlanAmended = DomainEvent<
  'CampaignPlanAmended',
  { organiser: OrganiserCode; year: number; amendment: DocumentRef; reason: string } & Partial<CampaignPlan>
>;
export type CampaignClosed = DomainEvent<
  'CampaignClosed',
  { organiser: OrganiserCode; year: number; closedOn: string; summary?: string }
>;
export type CampaignEvent = CampaignLaunched | CampaignPlanAmended | CampaignClosed;

// ---------------------------------------------------------------------------------------------
// State

export interface CampaignState extends CampaignPlan {
  status: 'none' | 'open' | 'closed';
  organiser: OrganiserCode | null;
  /** `pre2025:67`, `current:80`; null for the national alliance. */
  provinceId: string | null;
  year: number;
  plan: DocumentRef | null;
  amendments: DocumentRef[];
}

export const initialCampaignState = (): CampaignState => ({
  status: 'none',
  organiser: null,
  provinceId: null,
  year: 0,
  plan: null,
  amendments: [],
  theme: '',
  peak: { from: '', to: '' },
  activities: [],
  budgets: [],
});

/** What a campaign decision needs from the support ledger: the sum approved per fund so far. */
export interface CampaignContext {
  approvedByFund?: Partial<Record<FundSource, number>>;
}

export function campaignStream(organiser: string, year: number): string {
  return `campaign-${organiser}-${year}`;
}

// ---------------------------------------------------------------------------------------------
// Decider

function checkPlan(year: number, plan: Partial<CampaignPlan>): void {
  const inYear = (w: DateWindow, what: string): void => {
    if (yearOf(w.from) !== year || yearOf(w.to) !== year) {
      fail('window-outside-year', `${what} ${w.from}–${w.to} is not inside ${year}`, { window: w, year });
    }
  };
  if (plan.peak) inYear(plan.peak, 'the peak window');
  const ids = new Set<string>();
  for (const a of plan.activities ?? []) {
    if (ids.has(a.id)) fail('duplicate-activity', `focus activity "${a.id}" appears twice`, { activityId: a.id });
    ids.add(a.id);
    inYear(a.window, `activity "${a.id}"`);
  }
  const funds = new Set<string>();
  for (const b of plan.budgets ?? []) {
    if (funds.has(b.fund)) fail('duplicate-fund', `fund "${b.fund}" has two budget lines`, { fund: b.fund });
    funds.add(b.fund);
  }
}

export function requireOpenCampaign(c: CampaignState): void {
  if (c.status === 'none') fail('campaign-not-launched', 'the campaign has not been launched');
  if (c.status === 'closed') fail('campaign-closed', `the ${c.year} campaign of ${c.organiser} is closed`);
}

/**
 * A date of a record must fall in the campaign's year, and in the life of the campaign's unit:
 * a 2025 campaign of a province merged on 1 July 2025 takes nothing dated after 30 June.
 */
export function requireDateInCampaignYear(c: CampaignState, date: string): void {
  if (yearOf(date) !== c.year) {
    fail('date-outside-campaign-year', `${date} is not in the campaign year ${c.year}`, { date, year: c.year });
  }
  if (c.organiser !== null && c.organiser !== 'VN') requireUnitOpenOn(c.organiser, date);
}

export function requireKnownActivity(c: CampaignState, activityId: string | undefined): void {
  if (activityId !== undefined && !c.activities.some((a) => a.id === activityId)) {
    fail('unknown-activity', `the plan has no focus activity "${activityId}"`, { activityId });
  }
}

export const campaignDecider: Decider<CampaignCommand, CampaignEvent, CampaignState, CampaignContext> = {
  initialState: initialCampaignState,

  evolve(state, event) {
    switch (event.type) {
      case 'CampaignLaunched': {
        const d = event.data;
        return {
          ...state,
          status: 'open',
          organiser: d.organiser,
          provinceId: d.provinceId,
          year: d.year,
          plan: d.plan,
          theme: d.theme,
          peak: d.peak,
          activities: d.activities,
          budgets: d.budgets,
        };
      }
      case 'CampaignPlanAmended': {
        const d = event.data;
        return {
          ...state,
          amendments: [...state.amendments, d.amendment],
          theme: d.theme ?? state.theme,
          peak: d.peak ?? state.peak,
          activities: d.activities ?? state.activities,
          budgets: d.budgets ?? state.budgets,
        };
      }
      case 'CampaignClosed':
        return { ...state, status: 'closed' };
    }
  },

  decide(command, state, context) {
    switch (command.type) {
      case 'LaunchCampaign': {
        if (state.status !== 'none') {
          fail(
            'campaign-already-launched',
            `the ${command.year} campaign of ${command.organiser} is already launched`,
            {
              plan: state.plan,
            },
          );
        }
        let provinceId: string | null = null;
        let provinceName: string | null = null;
        if (command.organiser !== 'VN') {
          // A unit merged away takes no plan dated after its last day: the successor launches.
          requireUnitOpenOn(command.organiser, command.plan.date);
          const p = province(mapForCampaignYear(command.year), command.organiser);
          if (p === undefined) {
            fail('unknown-province', `no province has code ${command.organiser} in ${command.year}`, {
              code: command.organiser,
              year: command.year,
            });
          }
          provinceId = p.id;
          provinceName = p.name;
        }
        const peak = command.peak ?? defaultPeakWindow(command.year);
        checkPlan(command.year, { peak, activities: command.activities, budgets: command.budgets });
        return [
          {
            type: 'CampaignLaunched',
            data: {
              organiser: command.organiser,
              provinceId,
              provinceName,
              year: command.year,
              plan: command.plan,
              theme: command.theme,
              peak,
              activities: command.activities,
              budgets: command.budgets,
            },
          },
        ];
      }
      case 'AmendCampaignPlan': {
        requireOpenCampaign(state);
        if (state.organiser !== null && state.organiser !== 'VN')
          requireUnitOpenOn(state.organiser, command.amendment.date);
        const changes: Partial<CampaignPlan> = {};
        if (command.theme !== undefined) changes.theme = command.theme;
        if (command.peak !== undefined) changes.peak = command.peak;
        if (command.activities !== undefined) changes.activities = command.activities;
        if (command.budgets !== undefined) changes.budgets = command.budgets;
        checkPlan(state.year, changes);
        if (changes.budgets !== undefined) {
          for (const [fund, approved] of Object.entries(context?.approvedByFund ?? {})) {
            const line = changes.budgets.find((b) => b.fund === fund);
            if ((approved ?? 0) > 0 && (line?.amount ?? 0) < (approved ?? 0)) {
              fail('budget-below-approved', `fund "${fund}" already has ${approved} đồng approved`, {
                fund,
                approved,
                budget: line?.amount ?? 0,
              });
            }
          }
        }
        return [
          {
            type: 'CampaignPlanAmended',
            data: {
              organiser: state.organiser as OrganiserCode,
              year: state.year,
              amendment: command.amendment,
              reason: command.reason,
              ...changes,
            },
          },
        ];
      }
      case 'CloseCampaign': {
        requireOpenCampaign(state);
        if (state.organiser !== null && state.organiser !== 'VN') requireUnitOpenOn(state.organiser, command.closedOn);
        return [
          {
            type: 'CampaignClosed',
            data: {
              organiser: state.organiser as OrganiserCode,
              year: state.year,
              closedOn: command.closedOn,
              ...(command.summary !== undefined ? { summary: command.summary } : {}),
            },
          },
        ];
      }
    }
  },
};
