import { z } from 'zod';
import { Count, Text } from '../shared/text.ts';
import {
  requireDateInCampaignYear,
  requireKnownActivity,
  requireOpenCampaign,
  type CampaignState,
} from '../campaign/campaign.ts';
import type { Decider, DomainEvent } from '../shared/decider.ts';
import { fail } from './rules.ts';
import { LocalDate } from '../shared/time.ts';
import { requireCommune } from '../shared/communes.ts';
import { provinceById } from '../shared/place.ts';

/**
 * A member admission round (đợt kết nạp thành viên): how many members were admitted, in the
 * three kinds of the Law on Cooperatives 2023 — official members (cooperatives, cooperative
 * unions, cooperative groups), associates who contribute capital (thành viên liên kết góp vốn)
 * and associates who do not (thành viên liên kết không góp vốn).
 */
export const AdmittedCounts = z
  .object({
    cooperatives: Count.default(0),
    cooperativeUnions: Count.default(0),
    cooperativeGroups: Count.default(0),
    associatesContributing: Count.default(0).describe('associate members who contribute capital'),
    associatesNonContributing: Count.default(0).describe('associate members who do not contribute capital'),
  })
  .refine((c) => admittedTotal(c) > 0, 'a round admits at least one member');
export type AdmittedCounts = z.infer<typeof AdmittedCounts> & {
  /** Associates recorded before the split (schema v1), whose kind was not recorded. */
  associatesUnsplit?: number;
};

interface Counts {
  cooperatives?: number | undefined;
  cooperativeUnions?: number | undefined;
  cooperativeGroups?: number | undefined;
  associatesContributing?: number | undefined;
  associatesNonContributing?: number | undefined;
  associatesUnsplit?: number | undefined;
}

export function admittedTotal(a: Counts): number {
  return (
    (a.cooperatives ?? 0) +
    (a.cooperativeUnions ?? 0) +
    (a.cooperativeGroups ?? 0) +
    (a.associatesContributing ?? 0) +
    (a.associatesNonContributing ?? 0) +
    (a.associatesUnsplit ?? 0)
  );
}

export const RecordMemberAdmissionRound = z.object({
  roundId: z.uuid(),
  round: z.number().int().min(1).max(50),
  date: LocalDate,
  admitted: AdmittedCounts,
  cooperativeIds: z.array(z.uuid()).max(1000).default([]),
  activityId: z.string().optional(),
  note: Text(2000).optional(),
});
export type RecordMemberAdmissionRound = z.infer<typeof RecordMemberAdmissionRound>;

/** Advice on founding a new cooperative (tư vấn thành lập mới HTX). */
export const FoundingAdviceFields = z.object({
  adviceId: z.uuid(),
  date: LocalDate,
  /** The commune's name as recorded: since commune codes, the map's name on `date`. */
  commune: Text(200),
  district: Text(200).optional(),
  communeCode: z.string().optional(),
  prospectiveName: Text(300).optional(),
  founders: Count,
  outcome: z.enum(['advised', 'founded', 'abandoned']),
  cooperativeId: z.uuid().optional(),
  activityId: z.string().optional(),
});
export const RecordFoundingAdvice = FoundingAdviceFields.omit({ commune: true, district: true }).extend({
  communeCode: z
    .string()
    .regex(/^\d{5}$/, 'must be a five-digit commune code: pick the commune from /reference/communes')
    .describe('the commune the founders are in, on the map of the date'),
});
export type RecordFoundingAdvice = z.infer<typeof RecordFoundingAdvice>;

export type MembershipCommand =
  | ({ type: 'RecordMemberAdmissionRound' } & RecordMemberAdmissionRound)
  | ({ type: 'RecordFoundingAdvice' } & RecordFoundingAdvice);

interface Scope {
  organiser: string;
  year: number;
}
export type MemberAdmissionRoundRecorded = DomainEvent<
  'MemberAdmissionRoundRecorded',
  Scope & RecordMemberAdmissionRound
>;
export type FoundingAdviceRecorded = DomainEvent<
  'FoundingAdviceRecorded',
  Scope & z.infer<typeof FoundingAdviceFields>
>;
export type MembershipEvent = MemberAdmissionRoundRecorded | FoundingAdviceRecorded;

export interface MembershipState {
  rounds: Record<string, number>;
  advice: Record<string, true>;
}

export function membershipStream(organiser: string, year: number): string {
  return `membership-${organiser}-${year}`;
}

export const membershipDecider: Decider<
  MembershipCommand,
  MembershipEvent,
  MembershipState,
  { campaign: CampaignState }
> = {
  initialState: () => ({ rounds: {}, advice: {} }),

  evolve(state, event) {
    switch (event.type) {
      case 'MemberAdmissionRoundRecorded':
        return { ...state, rounds: { ...state.rounds, [event.data.roundId]: event.data.round } };
      case 'FoundingAdviceRecorded':
        return { ...state, advice: { ...state.advice, [event.data.adviceId]: true } };
    }
  },

  decide(command, state, { campaign }) {
    requireOpenCampaign(campaign);
    const scope = { organiser: campaign.organiser as string, year: campaign.year };
    const { type: _t, ...c } = command;
    requireDateInCampaignYear(campaign, c.date);
    requireKnownActivity(campaign, c.activityId);
    switch (command.type) {
      case 'RecordMemberAdmissionRound': {
        const r = c as RecordMemberAdmissionRound;
        if (state.rounds[r.roundId] !== undefined || Object.values(state.rounds).includes(r.round)) {
          fail('round-already-recorded', `admission round ${r.round} is already recorded`, { round: r.round });
        }
        return [{ type: 'MemberAdmissionRoundRecorded', data: { ...scope, ...r } }];
      }
      case 'RecordFoundingAdvice': {
        const a = c as RecordFoundingAdvice;
        if (state.advice[a.adviceId]) fail('advice-already-recorded', `advice ${a.adviceId} is already recorded`);
        const place = requireCommune('communeCode', a.communeCode, a.date, provinceById(campaign.provinceId));
        return [
          {
            type: 'FoundingAdviceRecorded',
            data: {
              ...scope,
              ...a,
              commune: place.name,
              ...(place.district ? { district: place.district.name } : {}),
              communeCode: place.code,
            },
          },
        ];
      }
    }
  },
};
