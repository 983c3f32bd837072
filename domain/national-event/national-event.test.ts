import { describe, expect, it } from 'vitest';
import { campaignDecider } from '../campaign/campaign.ts';
import { campaignOf, id, openCampaign } from '../../test/support/decider-fixtures.ts';
import { spec } from '../../test/support/decider-spec.ts';
import { nationalEventDecider, type NationalEventEvent } from './national-event.ts';

const events = spec(nationalEventDecider);
const vn = campaignOf(
  campaignDecider.decide(
    {
      type: 'LaunchCampaign',
      organiser: 'VN',
      year: 2024,
      plan: { number: '70/KH-BTVLMHTXVN', date: '2024-02-20' },
      theme: 'x',
      activities: [],
      budgets: [],
    },
    campaignDecider.initialState(),
    {},
  ),
);
const conference = {
  eventId: id(90),
  kind: 'honouring-conference' as const,
  name: 'Hội nghị tôn vinh HTX tiêu biểu',
  date: '2024-07-01',
  place: 'Hà Nội',
};
const attendance = {
  attendanceId: id(91),
  eventId: id(90),
  kind: 'honouring-conference' as const,
  name: conference.name,
  date: '2024-07-01',
  delegates: 6,
  cooperativeIds: [],
};

describe('national events', () => {
  it('given the national campaign, when the honouring conference is held, then it is recorded for the national alliance', () => {
    events
      .given([], { campaign: vn })
      .when({ type: 'HoldNationalEvent', ...conference })
      .then([{ type: 'NationalEventHeld', data: { organiser: 'VN', year: 2024, ...conference } }]);
  });
  it('given a provincial campaign, when it records holding a national event, then it is refused; attending is what it records', () => {
    events
      .given([], { campaign: openCampaign })
      .when({ type: 'HoldNationalEvent', ...conference })
      .thenFails('national-event-not-national');
    events
      .given([], { campaign: vn })
      .when({ type: 'AttendNationalEvent', ...attendance })
      .thenFails('national-event-not-national');
    const got = events
      .given([], { campaign: openCampaign })
      .when({ type: 'AttendNationalEvent', ...attendance })
      .then([{ type: 'NationalEventAttended', data: { organiser: '67', year: 2024, ...attendance } }]);
    expect(got).toHaveLength(1);
  });
  it('given an attendance at an event, when the same event is recorded again under another id, then it is refused', () => {
    const attended: NationalEventEvent = {
      type: 'NationalEventAttended',
      data: { organiser: '67', year: 2024, ...attendance },
    };
    events
      .given([attended], { campaign: openCampaign })
      .when({ type: 'AttendNationalEvent', ...attendance, attendanceId: id(92) })
      .thenFails('national-event-already-recorded', { eventId: id(90) });
    events
      .given([], { campaign: openCampaign })
      .when({ type: 'AttendNationalEvent', ...attendance, date: '2025-01-05' })
      .thenFails('date-outside-campaign-year');
  });
});
