import { z } from 'zod';
import {
  keptOnceDecider,
  type KeptOnceCommand,
  type KeptOnceRecorded,
  type KeptOnceRetracted,
} from '../campaign/kept-once.ts';
import { Vnd } from '../shared/money.ts';
import { Count, Text } from '../shared/text.ts';
import { LocalDate } from '../shared/time.ts';
import { fail } from './rules.ts';

/**
 * Trade promotion the province holds or takes its cooperatives to (xúc tiến thương mại, seed 003):
 * fairs, exhibitions, supply–demand connections, product promotion, e-commerce, in the province or
 * outside it; how many cooperatives took part, and what came of it.
 */
export const TradePromotionKind = z.enum([
  'fair', // hội chợ
  'exhibition', // triển lãm, trưng bày sản phẩm
  'trade-connection', // kết nối cung cầu, giao thương
  'product-promotion', // quảng bá, giới thiệu sản phẩm
  'e-commerce', // đưa sản phẩm lên sàn thương mại điện tử
  'other',
]);

export const RecordTradePromotion = z
  .object({
    promotionId: z.uuid(),
    kind: TradePromotionKind,
    name: Text(500).describe('"Hội chợ sản phẩm HTX tỉnh Lâm Đồng 2026"'),
    from: LocalDate.describe('first day'),
    to: LocalDate.optional().describe('last day, for an event of several days'),
    place: Text(300).describe('where it was held, in the province or outside it'),
    organisedBy: Text(300),
    cooperativesTakingPart: Count.describe('cooperatives and groups that took part'),
    cooperativeIds: z.array(z.uuid()).max(200).default([]).describe('those of the registry, where known'),
    products: Text(1000).optional().describe('the products shown'),
    contractsSigned: Count.optional().describe('contracts or memoranda signed'),
    salesVnd: Vnd.optional().describe('sales during the event, in đồng'),
    activityId: z.string().optional(),
  })
  .refine((t) => t.to === undefined || t.to >= t.from, {
    message: 'must end on or after the day it starts',
    path: ['to'],
  });
export type RecordTradePromotion = z.infer<typeof RecordTradePromotion>;
export const RetractTradePromotion = z.object({ reason: Text(2000) });

export type TradePromotionCommand = KeptOnceCommand<
  'RecordTradePromotion',
  'RetractTradePromotion',
  'promotionId',
  RecordTradePromotion
>;
export type TradePromotionRecorded = KeptOnceRecorded<'TradePromotionRecorded', RecordTradePromotion>;
export type TradePromotionRetracted = KeptOnceRetracted<'TradePromotionRetracted', 'promotionId'>;
export type TradePromotionEvent = TradePromotionRecorded | TradePromotionRetracted;

export function tradePromotionStream(organiser: string, year: number, promotionId: string): string {
  return `trade-promotion-${organiser}-${year}-${promotionId}`;
}

export const tradePromotionDecider = keptOnceDecider(
  {
    record: 'RecordTradePromotion',
    retract: 'RetractTradePromotion',
    recorded: 'TradePromotionRecorded',
    retracted: 'TradePromotionRetracted',
    id: 'promotionId',
  },
  {
    alreadyRecorded: 'trade-promotion-already-recorded',
    notFound: 'trade-promotion-not-found',
    retracted: 'trade-promotion-retracted',
    fail,
  },
  (t: RecordTradePromotion) => [t.from, t.to],
);
