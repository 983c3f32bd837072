import {
  RecordTradePromotion,
  RetractTradePromotion,
  tradePromotionDecider,
  tradePromotionStream,
} from '../../../domain/trade-promotion/trade-promotion.ts';
import { TradePromotionView } from '../../../projections/folds/trade-promotion.ts';
import { keptOnceRoutes } from '../kept-once-routes.ts';

/** Trade promotion: fairs, exhibitions, supply–demand connections (xúc tiến thương mại). */
export const tradePromotionRoutes = keptOnceRoutes({
  segment: 'trade-promotions',
  kind: 'tradePromotions',
  id: 'promotionId',
  record: {
    type: 'RecordTradePromotion',
    body: RecordTradePromotion,
    operationId: 'recordTradePromotion',
    summary: 'Record a trade promotion: a fair, exhibition or supply–demand connection (RecordTradePromotion)',
    form: 'Ghi hoạt động xúc tiến thương mại (hội chợ, kết nối)',
  },
  retract: {
    type: 'RetractTradePromotion',
    body: RetractTradePromotion,
    operationId: 'retractTradePromotion',
    summary: 'Retract a trade promotion recorded by mistake (RetractTradePromotion)',
    form: 'Thu hồi hoạt động xúc tiến thương mại ghi nhầm',
  },
  list: { operationId: 'listTradePromotions', summary: 'Trade promotions of a campaign, oldest first' },
  get: { operationId: 'getTradePromotion', summary: 'One trade promotion' },
  view: TradePromotionView,
  decider: tradePromotionDecider,
  stream: tradePromotionStream,
  day: (x) => x.from,
});
