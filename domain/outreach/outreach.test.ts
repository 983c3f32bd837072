import { describe, expect, it } from 'vitest';
import { closedCampaign, id, noCampaign, openCampaign } from '../../test/support/decider-fixtures.ts';
import { spec } from '../../test/support/decider-spec.ts';
import { outreachDecider, type OutreachEvent, type RecordOutreachMeeting } from './outreach.ts';

const outreach = spec(outreachDecider);
const ctx = { campaign: openCampaign };
const meeting: RecordOutreachMeeting = {
  meetingId: id(1),
  date: '2024-04-11',
  place: { communeCode: '24631' },
  format: 'conference',
  topics: ['cooperative-law-2023', 'cooperative-day'],
  attendees: 120,
  cooperativesRepresented: 14,
  cooperativeIds: [],
  organisedBy: 'Liên minh HTX tỉnh Đắk Nông',
  activityId: 'outreach-conferences',
};
const { meetingId: _m, ...fields } = meeting;
const recorded: OutreachEvent = {
  type: 'OutreachMeetingRecorded',
  data: {
    organiser: '67',
    year: 2024,
    meetingId: id(1),
    ...fields,
    // The names come from the map of the meeting's date, not from what was typed.
    place: { commune: 'Xã Quảng Khê', district: 'Huyện Đăk Glong', communeCode: '24631' },
  },
};

describe('RecordOutreachMeeting', () => {
  it('given an open campaign, when a commune conference is recorded, then the place is kept with the commune’s and district’s names of that date', () => {
    outreach
      .given([], ctx)
      .when({ type: 'RecordOutreachMeeting', ...meeting })
      .then([recorded]);
  });
  it('refuses a meeting recorded twice', () => {
    outreach
      .given([recorded], ctx)
      .when({ type: 'RecordOutreachMeeting', ...meeting })
      .thenFails('meeting-already-recorded');
  });
  it('refuses a date outside the campaign year and an activity not in the plan', () => {
    outreach
      .given([], ctx)
      .when({ type: 'RecordOutreachMeeting', ...meeting, date: '2025-01-02' })
      .thenFails('date-outside-campaign-year');
    outreach
      .given([], ctx)
      .when({ type: 'RecordOutreachMeeting', ...meeting, activityId: 'bulletin-99' })
      .thenFails('unknown-activity');
  });
  it('given the 2024 campaign of Đắk Nông, when a meeting names a commune of another province, then it is refused naming the field and where that commune is', () => {
    outreach
      .given([], ctx)
      .when({ type: 'RecordOutreachMeeting', ...meeting, place: { communeCode: '25066' } })
      .thenFails('commune-other-province', { field: 'place.communeCode', province: { code: '68', name: 'Lâm Đồng' } });
  });
  it('given the 2026 campaign of Lâm Đồng, when a meeting names a ward code of before the reform, then it is refused naming the ward it became', () => {
    const c2026 = { ...openCampaign, organiser: '68', provinceId: 'current:68', year: 2026 };
    outreach
      .given([], { campaign: c2026 })
      .when({
        type: 'RecordOutreachMeeting',
        ...meeting,
        date: '2026-04-11',
        activityId: undefined,
        place: { communeCode: '24784' },
      })
      .thenFails('commune-not-on-date', { today: [{ code: '24781', name: 'Phường Xuân Hương - Đà Lạt' }] });
    outreach
      .given([], { campaign: c2026 })
      .when({
        type: 'RecordOutreachMeeting',
        ...meeting,
        date: '2026-04-11',
        activityId: undefined,
        place: { communeCode: '24781', venue: 'Hội trường', note: 'Phường 2 cũ' },
      })
      .then([
        expect.objectContaining({
          data: expect.objectContaining({
            place: {
              commune: 'Phường Xuân Hương - Đà Lạt',
              communeCode: '24781',
              venue: 'Hội trường',
              note: 'Phường 2 cũ',
            },
          }),
        }) as OutreachEvent,
      ]);
  });
  it('given a meeting, when its date is corrected across 1 July 2025, then its commune code must be one of that date', () => {
    const lamDong2025 = { ...openCampaign, organiser: '68', year: 2025, provinceId: 'pre2025:68' };
    const inJune: OutreachEvent = {
      type: 'OutreachMeetingRecorded',
      data: {
        ...(recorded.data as object as OutreachEvent['data'] & typeof fields),
        organiser: '68',
        year: 2025,
        date: '2025-06-20',
        activityId: undefined,
        place: { commune: 'Phường 1', district: 'Thành phố Đà Lạt', communeCode: '24784' },
      },
    };
    outreach
      .given([inJune], { campaign: lamDong2025 })
      .when({ type: 'CorrectOutreachMeeting', meetingId: id(1), changes: { date: '2025-07-20' }, reason: 'x' })
      .thenFails('commune-not-on-date');
    outreach
      .given([inJune], { campaign: lamDong2025 })
      .when({
        type: 'CorrectOutreachMeeting',
        meetingId: id(1),
        changes: { date: '2025-07-20', place: { communeCode: '24781' } },
        reason: 'Họp sau ngày sắp xếp',
      })
      .then([
        expect.objectContaining({
          data: expect.objectContaining({
            changes: { date: '2025-07-20', place: { commune: 'Phường Xuân Hương - Đà Lạt', communeCode: '24781' } },
          }),
        }) as OutreachEvent,
      ]);
  });
  it('given the 2025 campaign of Đắk Nông (67, merged into Lâm Đồng 68), when a meeting is dated 1/7/2025, then it is refused naming the successor', () => {
    const dakNong2025 = { ...openCampaign, year: 2025, provinceId: 'pre2025:67' };
    const in2025 = { ...meeting, activityId: undefined, date: '2025-06-30' };
    outreach
      .given([], { campaign: dakNong2025 })
      .when({ type: 'RecordOutreachMeeting', ...in2025 })
      .then([expect.objectContaining({ type: 'OutreachMeetingRecorded' }) as OutreachEvent]);
    outreach
      .given([], { campaign: dakNong2025 })
      .when({ type: 'RecordOutreachMeeting', ...in2025, date: '2025-07-01', place: { communeCode: '24631' } })
      .thenFails('province-merged', { code: '67', lastDay: '2025-06-30', successor: { code: '68', name: 'Lâm Đồng' } });
  });
  it('given the 2025 campaign of Lâm Đồng (68, whose code carries on), when a meeting is dated after 1/7/2025, then it is recorded', () => {
    const lamDong2025 = { ...openCampaign, organiser: '68', year: 2025, provinceId: 'pre2025:68' };
    outreach
      .given([], { campaign: lamDong2025 })
      .when({
        type: 'RecordOutreachMeeting',
        ...meeting,
        activityId: undefined,
        date: '2025-09-02',
        place: { communeCode: '24781' },
      })
      .then([expect.objectContaining({ type: 'OutreachMeetingRecorded' }) as OutreachEvent]);
  });
  it('refuses meetings in a campaign not launched or closed', () => {
    outreach
      .given([], { campaign: noCampaign })
      .when({ type: 'RecordOutreachMeeting', ...meeting })
      .thenFails('campaign-not-launched');
    outreach
      .given([], { campaign: closedCampaign })
      .when({ type: 'RecordOutreachMeeting', ...meeting })
      .thenFails('campaign-closed');
  });
});

describe('CorrectOutreachMeeting', () => {
  it('given a meeting, when its attendance is corrected, then the change and the previous value are both kept', () => {
    outreach
      .given([recorded], ctx)
      .when({
        type: 'CorrectOutreachMeeting',
        meetingId: id(1),
        changes: { attendees: 135, topics: meeting.topics },
        reason: 'Đếm lại danh sách',
      })
      .then([
        {
          type: 'OutreachMeetingCorrected',
          data: {
            organiser: '67',
            year: 2024,
            meetingId: id(1),
            changes: { attendees: 135 },
            previous: { attendees: 120 },
            reason: 'Đếm lại danh sách',
          },
        },
      ]);
  });
  it('refuses a correction that changes nothing, one of an unknown meeting, and one that breaks a rule', () => {
    outreach
      .given([recorded], ctx)
      .when({ type: 'CorrectOutreachMeeting', meetingId: id(1), changes: { attendees: 120 }, reason: 'x' })
      .thenFails('nothing-to-correct');
    outreach
      .given([], ctx)
      .when({ type: 'CorrectOutreachMeeting', meetingId: id(1), changes: { attendees: 1 }, reason: 'x' })
      .thenFails('meeting-not-found');
    outreach
      .given([recorded], ctx)
      .when({ type: 'CorrectOutreachMeeting', meetingId: id(1), changes: { date: '2023-04-11' }, reason: 'x' })
      .thenFails('date-outside-campaign-year');
  });
});

describe('RetractOutreachMeeting', () => {
  const retracted: OutreachEvent = {
    type: 'OutreachMeetingRetracted',
    data: { organiser: '67', year: 2024, meetingId: id(1), reason: 'Ghi trùng' },
  };
  it('given a meeting, when it is retracted, then it is retracted and takes no correction', () => {
    outreach
      .given([recorded], ctx)
      .when({ type: 'RetractOutreachMeeting', meetingId: id(1), reason: 'Ghi trùng' })
      .then([retracted]);
    outreach
      .given([recorded, retracted], ctx)
      .when({ type: 'CorrectOutreachMeeting', meetingId: id(1), changes: { attendees: 1 }, reason: 'x' })
      .thenFails('meeting-retracted');
    outreach
      .given([recorded, retracted], ctx)
      .when({ type: 'RetractOutreachMeeting', meetingId: id(1), reason: 'x' })
      .thenFails('meeting-retracted');
    outreach
      .given([], ctx)
      .when({ type: 'RetractOutreachMeeting', meetingId: id(1), reason: 'x' })
      .thenFails('meeting-not-found');
  });
});
