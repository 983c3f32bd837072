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
import { LocalDate, REFORM_DATE } from '../shared/time.ts';
import { Place, PlaceInput, placeOn, provinceById } from '../shared/place.ts';

/**
 * Meeting formats. The last four are publications: meetings recorded with them before
 * publications had their own command count as publications; new ones are refused.
 */
export const MeetingFormat = z.enum([
  'conference', // hội nghị
  'seminar', // tọa đàm
  'launch-ceremony', // lễ phát động
  'dialogue', // đối thoại
  'press', // báo
  'radio-tv', // đài phát thanh, truyền hình
  'website', // trang thông tin điện tử
  'bulletin', // bản tin
]);
export type MeetingFormat = z.infer<typeof MeetingFormat>;

export const Topic = z.enum([
  'party-state-policy', // chủ trương của Đảng, chính sách pháp luật của Nhà nước
  'cooperative-law-2023', // Luật HTX năm 2023
  'local-support-policy', // chính sách hỗ trợ của địa phương
  'exemplary-models', // mô hình, điển hình tiêu biểu
  'cooperative-day', // Ngày HTX Việt Nam 11/4
  'ho-chi-minh-letters', // thư của Chủ tịch Hồ Chí Minh 11/4/1946, 11/4/1964
  'member-development', // phát triển thành viên
  'digital-transformation',
  'other',
]);
export type Topic = z.infer<typeof Topic>;

export { Place } from '../shared/place.ts';

export const MeetingFields = z.object({
  date: LocalDate,
  place: Place,
  format: MeetingFormat,
  topics: z.array(Topic).min(1, 'name at least one topic').max(20),
  attendees: Count,
  cooperativesRepresented: Count.default(0),
  cooperativeIds: z.array(z.uuid()).max(500).default([]),
  organisedBy: Text(300),
  activityId: z.string().optional(),
  title: Text(500).optional(),
});
export type MeetingFields = z.infer<typeof MeetingFields>;

/** What a form sends: the fields, with the place picked by its commune code. */
export const MeetingInput = MeetingFields.extend({ place: PlaceInput });
export type MeetingInput = z.infer<typeof MeetingInput>;

export const RecordOutreachMeeting = MeetingInput.extend({ meetingId: z.uuid() });
export type RecordOutreachMeeting = z.infer<typeof RecordOutreachMeeting>;

export const CorrectOutreachMeeting = z.object({
  changes: MeetingInput.partial().refine((c) => Object.keys(c).length > 0, 'name at least one field to correct'),
  reason: Text(2000),
});
export type CorrectOutreachMeeting = z.infer<typeof CorrectOutreachMeeting>;

export const RetractOutreachMeeting = z.object({ reason: Text(2000) });
export type RetractOutreachMeeting = z.infer<typeof RetractOutreachMeeting>;

export type OutreachCommand =
  | ({ type: 'RecordOutreachMeeting' } & RecordOutreachMeeting)
  | ({ type: 'CorrectOutreachMeeting'; meetingId: string } & CorrectOutreachMeeting)
  | ({ type: 'RetractOutreachMeeting'; meetingId: string } & RetractOutreachMeeting);

interface Scope {
  organiser: string;
  year: number;
  meetingId: string;
}
export type OutreachMeetingRecorded = DomainEvent<'OutreachMeetingRecorded', Scope & MeetingFields>;
export type OutreachMeetingCorrected = DomainEvent<
  'OutreachMeetingCorrected',
  Scope & { changes: Partial<MeetingFields>; previous: Partial<MeetingFields>; reason: string }
>;
export type OutreachMeetingRetracted = DomainEvent<'OutreachMeetingRetracted', Scope & { reason: string }>;
export type OutreachEvent = OutreachMeetingRecorded | OutreachMeetingCorrected | OutreachMeetingRetracted;

export interface OutreachState {
  status: 'none' | 'recorded' | 'retracted';
  meeting: MeetingFields | null;
}

export function outreachStream(organiser: string, year: number, meetingId: string): string {
  return `outreach-${organiser}-${year}-${meetingId}`;
}

/** Formats that are publications, recorded with RecordPublication since they have their own command. */
const PUBLICATION_FORMATS: ReadonlySet<string> = new Set<MeetingFormat>(['press', 'radio-tv', 'website', 'bulletin']);
export const isPublicationFormat = (format: string): boolean => PUBLICATION_FORMATS.has(format);

function checkFields(campaign: CampaignState, m: Partial<MeetingFields>, date: string): void {
  requireDateInCampaignYear(campaign, date);
  requireKnownActivity(campaign, m.activityId);
  if (m.place?.district !== undefined && date >= REFORM_DATE) {
    fail('district-after-2025', `a meeting on ${date} names a commune only: district level ended on 1 July 2025`, {
      date,
    });
  }
}

function requireMeetingFormat(format: MeetingFormat): void {
  if (PUBLICATION_FORMATS.has(format)) {
    fail(
      'publication-not-meeting',
      `a ${format} is a publication, not a meeting: record it with POST …/publications (RecordPublication)`,
      { format },
    );
  }
}

export const outreachDecider: Decider<OutreachCommand, OutreachEvent, OutreachState, { campaign: CampaignState }> = {
  initialState: () => ({ status: 'none', meeting: null }),

  evolve(state, event) {
    switch (event.type) {
      case 'OutreachMeetingRecorded': {
        const { organiser: _o, year: _y, meetingId: _m, ...fields } = event.data;
        return { status: 'recorded', meeting: fields };
      }
      case 'OutreachMeetingCorrected':
        return { ...state, meeting: { ...(state.meeting as MeetingFields), ...event.data.changes } };
      case 'OutreachMeetingRetracted':
        return { ...state, status: 'retracted' };
    }
  },

  decide(command, state, { campaign }) {
    requireOpenCampaign(campaign);
    const scope = { organiser: campaign.organiser as string, year: campaign.year, meetingId: command.meetingId };
    switch (command.type) {
      case 'RecordOutreachMeeting': {
        if (state.status !== 'none')
          fail('meeting-already-recorded', `meeting ${command.meetingId} is already recorded`);
        const { type: _t, meetingId: _m, place, ...rest } = command;
        requireMeetingFormat(rest.format);
        checkFields(campaign, rest, rest.date);
        const fields: MeetingFields = {
          ...rest,
          place: placeOn(place, rest.date, provinceById(campaign.provinceId), 'place'),
        };
        return [{ type: 'OutreachMeetingRecorded', data: { ...scope, ...fields } }];
      }
      case 'CorrectOutreachMeeting': {
        if (state.status === 'none') fail('meeting-not-found', `no meeting ${command.meetingId} in this campaign`);
        if (state.status === 'retracted') fail('meeting-retracted', `meeting ${command.meetingId} was retracted`);
        const current = state.meeting as MeetingFields;
        const { place, ...other } = command.changes;
        const date = other.date ?? current.date;
        // A new date re-reads the place on the map of that date: a code must fit the corrected date.
        const placed =
          place !== undefined
            ? placeOn(place, date, provinceById(campaign.provinceId), 'changes.place')
            : other.date !== undefined && current.place.communeCode !== undefined
              ? placeOn(
                  current.place as PlaceInput & { communeCode: string },
                  date,
                  provinceById(campaign.provinceId),
                  'changes.place',
                )
              : undefined;
        const asked: Partial<MeetingFields> = { ...other, ...(placed ? { place: placed } : {}) };
        const changes: Partial<MeetingFields> = {};
        const previous: Partial<MeetingFields> = {};
        for (const [k, v] of Object.entries(asked) as [keyof MeetingFields, unknown][]) {
          if (v !== undefined && JSON.stringify(v) !== JSON.stringify(current[k])) {
            (changes as Record<string, unknown>)[k] = v;
            (previous as Record<string, unknown>)[k] = current[k];
          }
        }
        if (Object.keys(changes).length === 0) fail('nothing-to-correct', 'the correction changes no field');
        if (changes.format !== undefined) requireMeetingFormat(changes.format);
        const merged = { ...current, ...changes };
        checkFields(campaign, merged, merged.date);
        return [{ type: 'OutreachMeetingCorrected', data: { ...scope, changes, previous, reason: command.reason } }];
      }
      case 'RetractOutreachMeeting': {
        if (state.status === 'none') fail('meeting-not-found', `no meeting ${command.meetingId} in this campaign`);
        if (state.status === 'retracted')
          fail('meeting-retracted', `meeting ${command.meetingId} was already retracted`);
        return [{ type: 'OutreachMeetingRetracted', data: { ...scope, reason: command.reason } }];
      }
    }
  },
};
