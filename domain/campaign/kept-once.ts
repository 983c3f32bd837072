import type { Decider, DomainEvent } from '../shared/decider.ts';
import {
  requireDateInCampaignYear,
  requireKnownActivity,
  requireOpenCampaign,
  type CampaignState,
} from './campaign.ts';

/**
 * A record of a campaign kept once and retracted once, with nothing in between: a visit to a
 * cooperative, a trade promotion, support in kind. Each such capability declares its names (the
 * command and event types, the field holding the record's id), the rules it fails with and the days
 * that must fall in the campaign year; this is the decider they share. A retraction keeps the
 * record in the history; a record is never corrected in place (retract it and record it again).
 */
export interface KeptOnceNames<
  R extends string,
  X extends string,
  RE extends string,
  XE extends string,
  K extends string,
> {
  record: R;
  retract: X;
  recorded: RE;
  retracted: XE;
  id: K;
}

/** The campaign a record belongs to, in every event it makes. */
export interface CampaignScope {
  organiser: string;
  year: number;
}

export type KeptOnceCommand<R extends string, X extends string, K extends string, F extends Record<K, string>> =
  ({ type: R } & F) | ({ type: X; reason: string } & Record<K, string>);

export type KeptOnceRecorded<RE extends string, F> = DomainEvent<RE, CampaignScope & F>;
export type KeptOnceRetracted<XE extends string, K extends string> = DomainEvent<
  XE,
  CampaignScope & Record<K, string> & { reason: string }
>;

export interface KeptOnceState {
  status: 'none' | 'recorded' | 'retracted';
}

/** The rules a kept-once record fails with, by the capability's own codes, and its `fail`. */
export interface KeptOnceRules<Code extends string> {
  alreadyRecorded: Code;
  notFound: Code;
  retracted: Code;
  fail: (code: Code, detail: string) => never;
}

export function keptOnceDecider<
  R extends string,
  X extends string,
  RE extends string,
  XE extends string,
  K extends string,
  F extends Record<K, string> & { activityId?: string | undefined },
  Code extends string,
>(
  names: KeptOnceNames<R, X, RE, XE, K>,
  rules: KeptOnceRules<Code>,
  /** The days of the record that must fall in the campaign year (the first one, and a last one if any). */
  days: (fields: F) => (string | undefined)[],
): Decider<
  KeptOnceCommand<R, X, K, F>,
  KeptOnceRecorded<RE, F> | KeptOnceRetracted<XE, K>,
  KeptOnceState,
  { campaign: CampaignState }
> {
  return {
    initialState: () => ({ status: 'none' }),
    evolve: (_state, event) => ({ status: event.type === names.recorded ? 'recorded' : 'retracted' }),
    decide(command, state, { campaign }) {
      requireOpenCampaign(campaign);
      const scope: CampaignScope = { organiser: campaign.organiser as string, year: campaign.year };
      const id = (command as Record<K, string>)[names.id];
      if (command.type === names.record) {
        if (state.status !== 'none') rules.fail(rules.alreadyRecorded, `${names.id} ${id} is already recorded`);
        const { type: _t, ...fields } = command as { type: R } & F;
        for (const day of days(fields as unknown as F)) if (day !== undefined) requireDateInCampaignYear(campaign, day);
        requireKnownActivity(campaign, (fields as unknown as F).activityId);
        return [{ type: names.recorded, data: { ...scope, ...(fields as unknown as F) } }];
      }
      if (state.status === 'none') rules.fail(rules.notFound, `no ${names.id} ${id} in this campaign`);
      if (state.status === 'retracted') rules.fail(rules.retracted, `${names.id} ${id} was already retracted`);
      const { reason } = command as { reason: string };
      return [
        {
          type: names.retracted,
          data: { ...scope, [names.id]: id, reason } as CampaignScope & Record<K, string> & { reason: string },
        },
      ];
    },
  };
}
