import { z } from 'zod';
import { Text } from '../shared/text.ts';
import { requireDateInCampaignYear, requireOpenCampaign, type CampaignState } from '../campaign/campaign.ts';
import type { CooperativeState } from '../cooperative/cooperative.ts';
import { requireEligibleCooperative } from '../cooperative/eligibility.ts';
import type { Decider, DomainEvent } from '../shared/decider.ts';
import { fail } from './rules.ts';
import { LocalDate } from '../shared/time.ts';
import { requireTakeover } from '../shared/units.ts';
import { TakeOver, type TakenOver } from '../shared/takeover.ts';

export const NominatorLevel = z.enum(['provincial-alliance', 'local-committee', 'national-alliance']);

export const NominateExemplaryCoop = z.object({
  nominationId: z.uuid(),
  cooperativeId: z.uuid(),
  nominatedBy: z.object({ level: NominatorLevel, name: Text(300) }),
  nominatedOn: LocalDate,
  category: Text(200),
  achievements: z.array(Text(2000)).min(1, 'list at least one achievement').max(50),
});
export type NominateExemplaryCoop = z.infer<typeof NominateExemplaryCoop>;

export const ShortlistNomination = z.object({ shortlistedOn: LocalDate, note: Text(2000).optional() });
export const ForwardNomination = z.object({
  forwardedOn: LocalDate,
  /** The national honoring conference (Hội nghị tôn vinh HTX tiêu biểu) or another honouring event. */
  to: Text(300).default('Hội nghị tôn vinh Hợp tác xã tiêu biểu'),
  letter: Text(100).optional(),
});
export const RecordHonour = z.object({
  award: Text(300),
  awardedBy: Text(300),
  awardedOn: LocalDate,
  decisionNumber: Text(100).optional(),
});
export const DeclineNomination = z.object({ declinedOn: LocalDate, reason: Text(2000) });
export const WithdrawNomination = z.object({ withdrawnOn: LocalDate, reason: Text(2000) });
/** The successor of a merged province takes over one of its open nominations (see TakeOver). */
export const TakeOverNomination = TakeOver;

type Step<T extends string, S extends z.ZodType> = { type: T; nominationId: string } & z.infer<S>;
export type NominationCommand =
  | ({ type: 'NominateExemplaryCoop' } & NominateExemplaryCoop)
  | Step<'ShortlistNomination', typeof ShortlistNomination>
  | Step<'ForwardNomination', typeof ForwardNomination>
  | Step<'RecordHonour', typeof RecordHonour>
  | Step<'DeclineNomination', typeof DeclineNomination>
  | Step<'WithdrawNomination', typeof WithdrawNomination>
  | Step<'TakeOverNomination', typeof TakeOverNomination>;

interface Scope {
  organiser: string;
  year: number;
  nominationId: string;
  cooperativeId: string;
}
export type ExemplaryCoopNominated = DomainEvent<
  'ExemplaryCoopNominated',
  Omit<Scope, 'nominationId' | 'cooperativeId'> & NominateExemplaryCoop
>;
export type NominationShortlisted = DomainEvent<'NominationShortlisted', Scope & z.infer<typeof ShortlistNomination>>;
export type NominationForwarded = DomainEvent<'NominationForwarded', Scope & z.infer<typeof ForwardNomination>>;
export type NominationHonoured = DomainEvent<'NominationHonoured', Scope & z.infer<typeof RecordHonour>>;
export type NominationDeclined = DomainEvent<'NominationDeclined', Scope & z.infer<typeof DeclineNomination>>;
export type NominationWithdrawn = DomainEvent<'NominationWithdrawn', Scope & z.infer<typeof WithdrawNomination>>;
/** An open nomination of a merged province (67) handed to its successor (68); `organiser` stays the code recorded. */
export type NominationTakenOver = DomainEvent<'NominationTakenOver', Scope & TakenOver>;
export type NominationEvent =
  | NominationTakenOver
  | ExemplaryCoopNominated
  | NominationShortlisted
  | NominationForwarded
  | NominationHonoured
  | NominationDeclined
  | NominationWithdrawn;

export const NominationStatus = z.enum(['nominated', 'shortlisted', 'forwarded', 'honoured', 'declined', 'withdrawn']);
export type NominationStatus = z.infer<typeof NominationStatus>;

export interface NominationsState {
  nominations: Record<string, { cooperativeId: string; status: NominationStatus; takenOverBy?: string }>;
}

export function nominationsStream(organiser: string, year: number): string {
  return `nominations-${organiser}-${year}`;
}

const STATUS_AFTER: Record<
  Exclude<NominationEvent['type'], 'ExemplaryCoopNominated' | 'NominationTakenOver'>,
  NominationStatus
> = {
  NominationShortlisted: 'shortlisted',
  NominationForwarded: 'forwarded',
  NominationHonoured: 'honoured',
  NominationDeclined: 'declined',
  NominationWithdrawn: 'withdrawn',
};

/** A nomination still counts for its cooperative unless it was declined or withdrawn. */
export function isActive(status: NominationStatus): boolean {
  return status !== 'declined' && status !== 'withdrawn';
}

export interface NominationContext {
  campaign: CampaignState;
  cooperative?: CooperativeState;
}

export const nominationDecider: Decider<NominationCommand, NominationEvent, NominationsState, NominationContext> = {
  initialState: () => ({ nominations: {} }),

  evolve(state, event) {
    const d = event.data;
    if (event.type === 'NominationTakenOver') {
      const n = state.nominations[d.nominationId];
      if (n === undefined) return state;
      return { nominations: { ...state.nominations, [d.nominationId]: { ...n, takenOverBy: event.data.to } } };
    }
    const status = event.type === 'ExemplaryCoopNominated' ? 'nominated' : STATUS_AFTER[event.type];
    const before = state.nominations[d.nominationId];
    return {
      nominations: {
        ...state.nominations,
        [d.nominationId]: { ...(before ?? {}), cooperativeId: d.cooperativeId, status },
      },
    };
  },

  decide(command, state, { campaign, cooperative }) {
    const scopeOf = (n: { cooperativeId: string }) => ({
      organiser: campaign.organiser as string,
      year: campaign.year,
      nominationId: command.nominationId,
      cooperativeId: n.cooperativeId,
    });
    if (command.type === 'NominateExemplaryCoop') {
      requireOpenCampaign(campaign);
      const { type: _t, ...c } = command;
      requireDateInCampaignYear(campaign, c.nominatedOn);
      requireEligibleCooperative(campaign, cooperative, c.cooperativeId);
      const clash = Object.entries(state.nominations).find(
        ([, n]) => n.cooperativeId === c.cooperativeId && isActive(n.status),
      );
      if (state.nominations[c.nominationId])
        fail('nomination-active-exists', `nomination ${c.nominationId} is already recorded`);
      if (clash) {
        fail(
          'nomination-active-exists',
          `cooperative ${c.cooperativeId} already has nomination ${clash[0]} (${clash[1].status}) in this campaign`,
          {
            nominationId: clash[0],
            status: clash[1].status,
          },
        );
      }
      return [
        {
          type: 'ExemplaryCoopNominated',
          data: { organiser: campaign.organiser as string, year: campaign.year, ...c },
        },
      ];
    }

    const n = state.nominations[command.nominationId];
    if (n === undefined) fail('nomination-not-found', `no nomination ${command.nominationId} in this campaign`);
    if (!isActive(n.status) || n.status === 'honoured') {
      fail('nomination-not-open', `nomination ${command.nominationId} is ${n.status}`, { nominationStatus: n.status });
    }
    const { type: _t, nominationId: _n, ...rest } = command;
    const data = { ...scopeOf(n), ...rest };
    switch (command.type) {
      case 'ShortlistNomination':
        if (n.status !== 'nominated')
          fail('nomination-not-pending', `nomination ${command.nominationId} is ${n.status}`, {
            nominationStatus: n.status,
          });
        return [{ type: 'NominationShortlisted', data: data as NominationShortlisted['data'] }];
      case 'ForwardNomination':
        if (n.status !== 'shortlisted')
          fail('nomination-not-shortlisted', `nomination ${command.nominationId} is ${n.status}`, {
            nominationStatus: n.status,
          });
        return [{ type: 'NominationForwarded', data: data as NominationForwarded['data'] }];
      case 'RecordHonour':
        if (n.status !== 'forwarded')
          fail('nomination-not-forwarded', `nomination ${command.nominationId} is ${n.status}`, {
            nominationStatus: n.status,
          });
        return [{ type: 'NominationHonoured', data: data as NominationHonoured['data'] }];
      case 'DeclineNomination':
        return [{ type: 'NominationDeclined', data: data as NominationDeclined['data'] }];
      case 'WithdrawNomination':
        return [{ type: 'NominationWithdrawn', data: data as NominationWithdrawn['data'] }];
      case 'TakeOverNomination': {
        if (n.takenOverBy !== undefined) {
          fail('already-taken-over', `nomination ${command.nominationId} was taken over by ${n.takenOverBy}`, {
            to: n.takenOverBy,
          });
        }
        requireTakeover(campaign.organiser as string, command.to, command.takenOverOn);
        return [
          {
            type: 'NominationTakenOver',
            data: { ...(data as Omit<NominationTakenOver['data'], 'from'>), from: campaign.organiser as string },
          },
        ];
      }
    }
  },
};
