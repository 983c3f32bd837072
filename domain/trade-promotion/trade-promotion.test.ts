import { describe, expect, it } from 'vitest';
import { COOP_A, id, openCampaign } from '../../test/support/decider-fixtures.ts';
import { spec } from '../../test/support/decider-spec.ts';
import { RecordTradePromotion, tradePromotionDecider, type TradePromotionEvent } from './trade-promotion.ts';

const promotion = spec(tradePromotionDecider);
const ctx = { campaign: openCampaign };
const fair = RecordTradePromotion.parse({
  promotionId: id(82),
  kind: 'fair',
  name: 'Hội chợ sản phẩm HTX, OCOP tỉnh Đắk Nông',
  from: '2024-04-10',
  to: '2024-04-14',
  place: 'Quảng trường Thành phố Gia Nghĩa',
  organisedBy: 'Liên minh HTX tỉnh Đắk Nông',
  cooperativesTakingPart: 35,
  cooperativeIds: [COOP_A],
  contractsSigned: 4,
  salesVnd: 850_000_000,
});
const recorded: TradePromotionEvent = {
  type: 'TradePromotionRecorded',
  data: { organiser: '67', year: 2024, ...fair },
};

describe('RecordTradePromotion', () => {
  it('given an open campaign, when a five-day fair with 35 cooperatives is recorded, then it is kept with its contracts and sales', () => {
    promotion
      .given([], ctx)
      .when({ type: 'RecordTradePromotion', ...fair })
      .then([recorded]);
  });

  it('refuses a fair recorded twice or ending in the next year, and takes one ending before it starts for a mistake', () => {
    promotion
      .given([recorded], ctx)
      .when({ type: 'RecordTradePromotion', ...fair })
      .thenFails('trade-promotion-already-recorded');
    promotion
      .given([], ctx)
      .when({ type: 'RecordTradePromotion', ...fair, from: '2024-12-30', to: '2025-01-02' })
      .thenFails('date-outside-campaign-year');
    expect(RecordTradePromotion.safeParse({ ...fair, to: '2024-04-01' }).success).toBe(false);
  });
});
