import { describe, expect, it } from 'vitest';
import { closedCampaign, id, openCampaign } from '../../test/support/decider-fixtures.ts';
import { spec } from '../../test/support/decider-spec.ts';
import { AwardHonour, honourDecider, type HonourEvent } from './honour.ts';

const honour = spec(honourDecider);
const ctx = { campaign: openCampaign };
/** Đắk Nông's alliance honours at its own conference (seed 004): a cooperative and a director. */
const award: AwardHonour = {
  honourId: id(80),
  decision: { number: '25/QĐ-LMHTX', date: '2024-04-11' },
  kind: 'certificate-of-merit',
  award: 'Bằng khen của Liên minh HTX tỉnh',
  awardedBy: 'Chủ tịch Liên minh HTX tỉnh Đắk Nông',
  occasion: 'Tọa đàm kỷ niệm Ngày Hợp tác xã Việt Nam 11/4',
  recipients: [
    { kind: 'collective', name: 'HTX Nông nghiệp Dịch vụ Quảng Sơn' },
    { kind: 'individual', name: 'Nguyễn Văn An', position: 'Giám đốc', workplace: 'HTX Cà phê Đắk Mil' },
  ],
  activityId: 'seminar',
};
const { honourId: _h, ...fields } = award;
const awarded: HonourEvent = {
  type: 'HonourAwarded',
  data: { organiser: '67', year: 2024, honourId: id(80), ...fields },
};

describe('AwardHonour', () => {
  it('given an open campaign, when the provincial alliance honours a cooperative and a director by its own decision, then both are kept, a collective and an individual', () => {
    honour
      .given([], ctx)
      .when({ type: 'AwardHonour', ...award })
      .then([awarded]);
  });

  it('refuses a decision recorded twice, dated outside the campaign year, naming an unknown activity, or in a closed campaign', () => {
    honour
      .given([awarded], ctx)
      .when({ type: 'AwardHonour', ...award })
      .thenFails('honour-already-recorded');
    honour
      .given([], ctx)
      .when({ type: 'AwardHonour', ...award, decision: { date: '2025-01-02' } })
      .thenFails('date-outside-campaign-year');
    honour
      .given([], ctx)
      .when({ type: 'AwardHonour', ...award, activityId: 'no-such-activity' })
      .thenFails('unknown-activity');
    honour
      .given([], { campaign: closedCampaign })
      .when({ type: 'AwardHonour', ...award })
      .thenFails('campaign-closed');
  });

  it('takes a decision that honours nobody for a mistake', () => {
    const parsed = AwardHonour.safeParse({ ...award, recipients: [] });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.message).toBe('name at least one recipient');
  });
});

describe('RetractHonour', () => {
  const retracted: HonourEvent = {
    type: 'HonourRetracted',
    data: { organiser: '67', year: 2024, honourId: id(80), reason: 'ghi nhầm quyết định' },
  };
  it('given an honour, when it is retracted, then it is retracted once, and an unknown honour cannot be', () => {
    honour
      .given([awarded], ctx)
      .when({ type: 'RetractHonour', honourId: id(80), reason: 'ghi nhầm quyết định' })
      .then([retracted]);
    honour
      .given([awarded, retracted], ctx)
      .when({ type: 'RetractHonour', honourId: id(80), reason: 'lần nữa' })
      .thenFails('honour-retracted');
    honour
      .given([], ctx)
      .when({ type: 'RetractHonour', honourId: id(80), reason: 'không có' })
      .thenFails('honour-not-found');
  });
});
