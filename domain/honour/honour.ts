import { z } from 'zod';
import {
  requireDateInCampaignYear,
  requireKnownActivity,
  requireOpenCampaign,
  type CampaignState,
} from '../campaign/campaign.ts';
import type { Decider, DomainEvent } from '../shared/decider.ts';
import { Text } from '../shared/text.ts';
import { LocalDate } from '../shared/time.ts';
import { fail } from './rules.ts';

/**
 * Honours (khen thưởng) a campaign's organiser awards by a decision of its own: a provincial alliance's
 * Bằng khen at its own conference (seed 004), or the national alliance's; to collectives — cooperatives,
 * cooperative groups, units — and to individuals ("tập thể, cá nhân", seed 003). The national honour of
 * a forwarded nomination stays the nomination's last step (domain/nomination: RecordHonour); this records
 * every other honour. Who awards is the campaign's organiser: a province's records are its alliance's,
 * `VN`'s the national alliance's.
 */
export const HonourForm = z.enum([
  'certificate-of-merit', // Bằng khen
  'commendation', // Giấy khen
  'emulation-flag', // Cờ thi đua
  'emulation-title', // Danh hiệu thi đua
  'other',
]);
export type HonourForm = z.infer<typeof HonourForm>;

export const RecipientKind = z.enum(['collective', 'individual']);

/** One collective or one person the decision honours, by name as the decision lists them. */
export const Recipient = z.object({
  kind: RecipientKind,
  name: Text(300).describe('"HTX Nông nghiệp Quảng Sơn", or a person\'s full name'),
  position: Text(200).optional().describe('a person\'s position: "Giám đốc HTX"'),
  workplace: Text(300).optional().describe('where a person works: "HTX Dịch vụ nông nghiệp Đắk Mil"'),
});
export type Recipient = z.infer<typeof Recipient>;

/** An honour decision's fields as recorded. */
export const HonourFields = z.object({
  honourId: z.uuid(),
  decision: z
    .object({ number: Text(100).optional(), date: LocalDate })
    .describe('the decision (quyết định khen thưởng): its number, "15/QĐ-LMHTX", and its date'),
  kind: HonourForm,
  award: Text(300).optional().describe('"Bằng khen của Liên minh HTX tỉnh"'),
  awardedBy: Text(300).describe('"Chủ tịch Liên minh HTX tỉnh Đắk Nông"'),
  occasion: Text(300).optional().describe('"Hội nghị tổng kết Tháng hành động vì HTX năm 2024"'),
  reason: Text(2000).optional().describe('what it honours: "có thành tích xuất sắc trong phong trào…"'),
  recipients: z.array(Recipient).min(1, 'name at least one recipient').max(200),
  activityId: z.string().optional(),
});
export const AwardHonour = HonourFields;
export type AwardHonour = z.infer<typeof AwardHonour>;

export const RetractHonour = z.object({ reason: Text(2000) });

export type HonourCommand =
  | ({ type: 'AwardHonour' } & AwardHonour)
  | ({ type: 'RetractHonour'; honourId: string } & z.infer<typeof RetractHonour>);

interface Scope {
  organiser: string;
  year: number;
  honourId: string;
}
export type HonourAwarded = DomainEvent<'HonourAwarded', Scope & Omit<AwardHonour, 'honourId'>>;
export type HonourRetracted = DomainEvent<'HonourRetracted', Scope & { reason: string }>;
export type HonourEvent = HonourAwarded | HonourRetracted;

export interface HonourState {
  status: 'none' | 'awarded' | 'retracted';
}

export function honourStream(organiser: string, year: number, honourId: string): string {
  return `honour-${organiser}-${year}-${honourId}`;
}

export const honourDecider: Decider<HonourCommand, HonourEvent, HonourState, { campaign: CampaignState }> = {
  initialState: () => ({ status: 'none' }),

  evolve(_state, event) {
    return { status: event.type === 'HonourAwarded' ? 'awarded' : 'retracted' };
  },

  decide(command, state, { campaign }) {
    requireOpenCampaign(campaign);
    const scope = { organiser: campaign.organiser as string, year: campaign.year, honourId: command.honourId };
    switch (command.type) {
      case 'AwardHonour': {
        if (state.status !== 'none') fail('honour-already-recorded', `honour ${command.honourId} is already recorded`);
        const { type: _t, honourId: _i, ...fields } = command;
        requireDateInCampaignYear(campaign, fields.decision.date);
        requireKnownActivity(campaign, fields.activityId);
        return [{ type: 'HonourAwarded', data: { ...scope, ...fields } }];
      }
      case 'RetractHonour': {
        if (state.status === 'none') fail('honour-not-found', `no honour ${command.honourId} in this campaign`);
        if (state.status === 'retracted') fail('honour-retracted', `honour ${command.honourId} was already retracted`);
        return [{ type: 'HonourRetracted', data: { ...scope, reason: command.reason } }];
      }
    }
  },
};
