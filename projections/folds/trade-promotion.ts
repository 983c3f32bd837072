import { RecordTradePromotion, tradePromotionStream } from '../../domain/trade-promotion/trade-promotion.ts';
import { TRADE_PROMOTION_RULES } from '../../domain/trade-promotion/rules.ts';
import { keptOnceProjection, keptOnceView, type KeptOnceView } from '../kept-once.ts';

/** A trade promotion, as kept and served. */
export const TradePromotionView = keptOnceView(RecordTradePromotion, 'TradePromotion');
export type TradePromotionView = KeptOnceView<RecordTradePromotion>;

/** Trade promotions, per first day: how many, and how many cooperatives took part. */
export const tradePromotionProjection = keptOnceProjection({
  name: 'trade-promotion',
  kind: 'tradePromotions',
  code: 33,
  recorded: 'TradePromotionRecorded',
  retracted: 'TradePromotionRetracted',
  id: 'promotionId',
  rules: TRADE_PROMOTION_RULES,
  stream: tradePromotionStream,
  day: (x: RecordTradePromotion) => x.from,
  series: {
    count: 'tradePromotions',
    reach: 'cooperativesInTradePromotion',
    reached: (x) => x.cooperativesTakingPart,
    metric: 'trade-promotions',
  },
});
