import { describe, expect, it } from 'vitest';
import { closedCampaign, id, openCampaign } from '../../test/support/decider-fixtures.ts';
import { spec } from '../../test/support/decider-spec.ts';
import { outreachDecider, type OutreachEvent } from '../outreach/outreach.ts';
import { publicationDecider, type PublicationEvent, type RecordPublication } from './publication.ts';

const publication = spec(publicationDecider);
const ctx = { campaign: openCampaign };
const bulletin: RecordPublication = {
  publicationId: id(44),
  kind: 'bulletin',
  outlet: 'Bản tin Kinh tế hợp tác',
  issueNumber: '44',
  date: '2024-04-05',
  title: 'Bản tin Kinh tế hợp tác số 44',
  topics: ['cooperative-day'],
};
const { publicationId: _p, ...fields } = bulletin;
const recorded: PublicationEvent = {
  type: 'PublicationRecorded',
  data: { organiser: '67', year: 2024, publicationId: id(44), ...fields },
};

describe('RecordPublication', () => {
  it('given an open campaign, when bulletin 44 is recorded, then it is a publication with its outlet and issue', () => {
    publication
      .given([], ctx)
      .when({ type: 'RecordPublication', ...bulletin })
      .then([recorded]);
  });
  it('refuses a publication recorded twice, outside the campaign year, or in a closed campaign', () => {
    publication
      .given([recorded], ctx)
      .when({ type: 'RecordPublication', ...bulletin })
      .thenFails('publication-already-recorded');
    publication
      .given([], ctx)
      .when({ type: 'RecordPublication', ...bulletin, date: '2023-12-31' })
      .thenFails('date-outside-campaign-year');
    publication
      .given([], { campaign: closedCampaign })
      .when({ type: 'RecordPublication', ...bulletin })
      .thenFails('campaign-closed');
  });
  it('given a recorded publication, when it is retracted twice, then the second is refused', () => {
    const retracted: PublicationEvent = {
      type: 'PublicationRetracted',
      data: { organiser: '67', year: 2024, publicationId: id(44), reason: 'Ghi nhầm' },
    };
    publication
      .given([recorded], ctx)
      .when({ type: 'RetractPublication', publicationId: id(44), reason: 'Ghi nhầm' })
      .then([retracted]);
    publication
      .given([recorded, retracted], ctx)
      .when({ type: 'RetractPublication', publicationId: id(44), reason: 'x' })
      .thenFails('publication-retracted');
    publication
      .given([], ctx)
      .when({ type: 'RetractPublication', publicationId: id(44), reason: 'x' })
      .thenFails('publication-not-found');
  });
});

describe('a publication is not a meeting', () => {
  const meeting = {
    meetingId: id(1),
    date: '2024-04-05',
    place: { communeCode: '24611' },
    format: 'bulletin' as const,
    topics: ['cooperative-day' as const],
    attendees: 0,
    cooperativesRepresented: 0,
    cooperativeIds: [],
    organisedBy: 'Liên minh HTX tỉnh',
  };
  it('given an open campaign, when a bulletin is recorded as a meeting, then it is refused pointing to publications', () => {
    const e = spec(outreachDecider)
      .given([], ctx)
      .when({ type: 'RecordOutreachMeeting', ...meeting })
      .thenFails('publication-not-meeting', { format: 'bulletin' });
    expect(e.message).toContain('/publications');
  });
  it('given a meeting of a publication format recorded before, when another field is corrected, then the correction is kept', () => {
    const { meetingId: _m, ...old } = meeting;
    const legacy: OutreachEvent = {
      type: 'OutreachMeetingRecorded',
      data: { organiser: '67', year: 2024, meetingId: id(1), ...old, place: { commune: 'Nghĩa Đức' } },
    };
    spec(outreachDecider)
      .given([legacy], ctx)
      .when({ type: 'CorrectOutreachMeeting', meetingId: id(1), changes: { date: '2024-04-06' }, reason: 'Sai ngày' })
      .then([expect.objectContaining({ type: 'OutreachMeetingCorrected' }) as OutreachEvent]);
    spec(outreachDecider)
      .given([], ctx)
      .when({ type: 'RecordOutreachMeeting', ...meeting, format: 'conference' })
      .then([expect.objectContaining({ type: 'OutreachMeetingRecorded' }) as OutreachEvent]);
  });
});
