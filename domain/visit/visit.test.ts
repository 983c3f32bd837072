import { describe, it } from 'vitest';
import { COOP_A, COOP_B, closedCampaign, id, openCampaign } from '../../test/support/decider-fixtures.ts';
import { spec } from '../../test/support/decider-spec.ts';
import { visitDecider, type RecordVisit, type VisitEvent } from './visit.ts';

const visit = spec(visitDecider);
const ctx = { campaign: openCampaign };
const went: RecordVisit = {
  visitId: id(81),
  date: '2024-04-05',
  purpose: 'working-session',
  cooperativeIds: [COOP_A, COOP_B],
  ledBy: 'Chủ tịch Liên minh HTX tỉnh Đắk Nông',
  proposals: 'Đề nghị hỗ trợ vốn mua máy sấy cà phê',
};
const recorded: VisitEvent = { type: 'VisitRecorded', data: { organiser: '67', year: 2024, ...went } };

describe('RecordVisit', () => {
  it('given an open campaign, when the alliance visits two cooperatives, then the visit is kept with what they asked for', () => {
    visit
      .given([], ctx)
      .when({ type: 'RecordVisit', ...went })
      .then([recorded]);
  });

  it('refuses a visit recorded twice, dated outside the campaign year, naming an unknown activity, or in a closed campaign', () => {
    visit
      .given([recorded], ctx)
      .when({ type: 'RecordVisit', ...went })
      .thenFails('visit-already-recorded');
    visit
      .given([], ctx)
      .when({ type: 'RecordVisit', ...went, date: '2025-01-03' })
      .thenFails('date-outside-campaign-year');
    visit
      .given([], ctx)
      .when({ type: 'RecordVisit', ...went, activityId: 'no-such-activity' })
      .thenFails('unknown-activity');
    visit
      .given([], { campaign: closedCampaign })
      .when({ type: 'RecordVisit', ...went })
      .thenFails('campaign-closed');
  });

  it('given a visit, when it is retracted twice, then the second is refused; an unknown visit cannot be retracted', () => {
    const retracted: VisitEvent = {
      type: 'VisitRetracted',
      data: { organiser: '67', year: 2024, visitId: id(81), reason: 'ghi trùng' },
    };
    visit
      .given([recorded], ctx)
      .when({ type: 'RetractVisit', visitId: id(81), reason: 'ghi trùng' })
      .then([retracted]);
    visit
      .given([recorded, retracted], ctx)
      .when({ type: 'RetractVisit', visitId: id(81), reason: 'lần nữa' })
      .thenFails('visit-retracted');
    visit
      .given([], ctx)
      .when({ type: 'RetractVisit', visitId: id(81), reason: 'x' })
      .thenFails('visit-not-found');
  });
});
