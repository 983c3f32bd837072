import { z } from 'zod';
import { CooperativeFields, CooperativeStatus, type CooperativeEvent } from '../../domain/cooperative/cooperative.ts';
import { COOPERATIVE_RULES } from '../../domain/cooperative/rules.ts';
import { ProvinceAsRecorded } from '../../domain/shared/takeover.ts';
import { PROVINCES } from '../../domain/shared/units.ts';
import {
  capabilityProjection,
  type Envelope,
  type FoldTarget,
  type Kept,
  keptDocuments,
  Positioned,
  type Stamp,
  Versioned,
} from '../capability.ts';

/** A cooperative, union or group: its registration, status and member counts. */
export const CooperativeView = CooperativeFields.extend({
  provinceId: z.string(),
  provinceCode: z.string(),
  status: CooperativeStatus,
  ...Versioned,
  ...Positioned,
});
export type CooperativeView = z.infer<typeof CooperativeView> & Kept;
/** A cooperative as served: with the province it was registered under, named as on the day of its registration. */
export const CooperativeItem = CooperativeView.extend({ province: ProvinceAsRecorded }).meta({ id: 'Cooperative' });
export const cooperativeItem = (x: CooperativeView): z.infer<typeof CooperativeItem> & Kept => ({
  ...x,
  province: { code: x.provinceCode, name: PROVINCES.get(x.provinceId)?.name ?? x.provinceCode },
});

const slices = { cooperatives: keptDocuments<CooperativeView>()(7) };

/** Cooperatives: registration, status, member counts. */
export function foldCooperative(c: FoldTarget<typeof slices>, e: CooperativeEvent, at: Envelope, v: Stamp): void {
  switch (e.type) {
    case 'CooperativeRegistered':
      c.cooperatives.set(e.data.cooperativeId, { ...e.data, ...v, status: 'active', position: at.position });
      return;
    case 'CooperativeStatusChanged': {
      const x = c.cooperatives.get(e.data.cooperativeId);
      if (x) c.cooperatives.set(x.cooperativeId, { ...x, ...v, status: e.data.to });
      return;
    }
    case 'CooperativeMembersUpdated': {
      const x = c.cooperatives.get(e.data.cooperativeId);
      if (x) c.cooperatives.set(x.cooperativeId, { ...x, ...v, members: e.data.members });
      return;
    }
  }
}

export const cooperativeProjection = capabilityProjection<CooperativeEvent>()({
  name: 'cooperative',
  slices,
  rules: COOPERATIVE_RULES,
  events: ['CooperativeRegistered', 'CooperativeStatusChanged', 'CooperativeMembersUpdated'],
  fold: foldCooperative,
});
