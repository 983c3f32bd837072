import { z } from 'zod';
import {
  requireDateInCampaignYear,
  requireKnownActivity,
  requireOpenCampaign,
  type CampaignState,
} from '../campaign/campaign.ts';
import type { Decider, DomainEvent } from '../shared/decider.ts';
import { fail } from './rules.ts';
import { Text } from '../shared/text.ts';
import { LocalDate } from '../shared/time.ts';
import { Topic } from '../outreach/outreach.ts';

/**
 * Publications: what provincial reports count apart from meetings — bulletins (bản tin Kinh tế
 * hợp tác), press articles, radio and television, websites. A publication has an outlet and an
 * issue, not a place and attendees. Before publications had their own command they were
 * recorded as outreach meetings of a publication format; those still count as publications
 * (see domain/upcasting.ts, OutreachMeetingRecorded v2).
 */
export const PublicationKind = z.enum([
  'bulletin', // bản tin
  'press', // báo in, báo điện tử
  'radio-tv', // đài phát thanh, truyền hình
  'website', // trang thông tin điện tử
]);
export type PublicationKind = z.infer<typeof PublicationKind>;

export const RecordPublication = z.object({
  publicationId: z.uuid(),
  kind: PublicationKind,
  outlet: Text(300).describe('the bulletin, paper, station or site: "Bản tin Kinh tế hợp tác", "Báo Đắk Nông"'),
  issueNumber: Text(50).optional().describe('issue or edition: "44", "Số 12/2024"'),
  date: LocalDate.describe('publication or broadcast date'),
  title: Text(500),
  topics: z.array(Topic).min(1, 'name at least one topic').max(20),
  copies: z.number().int().nonnegative().max(10_000_000).optional().describe('print run, for bulletins and papers'),
  url: z.url().max(2000).optional(),
  activityId: z.string().optional(),
});
export type RecordPublication = z.infer<typeof RecordPublication>;

export const RetractPublication = z.object({ reason: Text(2000) });

export type PublicationCommand =
  | ({ type: 'RecordPublication' } & RecordPublication)
  | ({ type: 'RetractPublication'; publicationId: string } & z.infer<typeof RetractPublication>);

interface Scope {
  organiser: string;
  year: number;
  publicationId: string;
}
export type PublicationRecorded = DomainEvent<'PublicationRecorded', Scope & Omit<RecordPublication, 'publicationId'>>;
export type PublicationRetracted = DomainEvent<'PublicationRetracted', Scope & { reason: string }>;
export type PublicationEvent = PublicationRecorded | PublicationRetracted;

export interface PublicationState {
  status: 'none' | 'recorded' | 'retracted';
}

export function publicationStream(organiser: string, year: number, publicationId: string): string {
  return `publication-${organiser}-${year}-${publicationId}`;
}

export const publicationDecider: Decider<
  PublicationCommand,
  PublicationEvent,
  PublicationState,
  { campaign: CampaignState }
> = {
  initialState: () => ({ status: 'none' }),

  evolve(_state, event) {
    return { status: event.type === 'PublicationRecorded' ? 'recorded' : 'retracted' };
  },

  decide(command, state, { campaign }) {
    requireOpenCampaign(campaign);
    const scope = {
      organiser: campaign.organiser as string,
      year: campaign.year,
      publicationId: command.publicationId,
    };
    switch (command.type) {
      case 'RecordPublication': {
        if (state.status !== 'none')
          fail('publication-already-recorded', `publication ${command.publicationId} is already recorded`);
        const { type: _t, publicationId: _p, ...fields } = command;
        requireDateInCampaignYear(campaign, fields.date);
        requireKnownActivity(campaign, fields.activityId);
        return [{ type: 'PublicationRecorded', data: { ...scope, ...fields } }];
      }
      case 'RetractPublication': {
        if (state.status === 'none')
          fail('publication-not-found', `no publication ${command.publicationId} in this campaign`);
        if (state.status === 'retracted')
          fail('publication-retracted', `publication ${command.publicationId} was already retracted`);
        return [{ type: 'PublicationRetracted', data: { ...scope, reason: command.reason } }];
      }
    }
  },
};
