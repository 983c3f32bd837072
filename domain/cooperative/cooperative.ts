import { z } from 'zod';
import { Count, Text } from '../shared/text.ts';
import type { Decider, DomainEvent } from '../shared/decider.ts';
import { fail } from './rules.ts';
import { requireCommune } from '../shared/communes.ts';
import { LocalDate, REFORM_DATE } from '../shared/time.ts';
import { ProvinceCode, mapOn, province } from '../shared/units.ts';

/** Collective economic organisations (tổ chức kinh tế tập thể). */
export const CooperativeKind = z.enum([
  'cooperative', // hợp tác xã (HTX)
  'cooperative-union', // liên hiệp hợp tác xã
  'cooperative-group', // tổ hợp tác (THT)
]);
export type CooperativeKind = z.infer<typeof CooperativeKind>;

export const CooperativeStatus = z.enum(['active', 'suspended', 'dissolved', 'reorganised']);
export type CooperativeStatus = z.infer<typeof CooperativeStatus>;

/** Members by type under the 2023 Cooperative Law: official and associate members. */
export const MemberCounts = z.object({ official: Count, associate: Count.default(0) });
export type MemberCounts = z.infer<typeof MemberCounts>;

/** A cooperative as registered (the event's and the view's fields). */
export const CooperativeFields = z.object({
  cooperativeId: z.uuid(),
  kind: CooperativeKind,
  name: Text(300),
  registrationNumber: Text(50),
  registeredOn: LocalDate,
  /** The commune's name as recorded: since commune codes, the map's name on `registeredOn`. */
  commune: Text(200),
  /** Only for registrations before 1 July 2025. */
  district: Text(200).optional(),
  /** The commune's code on the map of `registeredOn` (absent on registrations recorded before codes). */
  communeCode: z.string().optional(),
  sector: Text(200).optional(),
  members: MemberCounts,
});

export const RegisterCooperative = CooperativeFields.omit({ commune: true, district: true, communeCode: true }).extend({
  /** Province code on the map in force on `registeredOn`. */
  province: ProvinceCode,
  communeCode: z
    .string()
    .regex(/^\d{5}$/, 'must be a five-digit commune code: pick the commune from /reference/communes')
    .describe('its commune on the map of the registration date (GET /reference/communes?province=…&date=…)'),
});
export type RegisterCooperative = z.infer<typeof RegisterCooperative>;

export const ChangeCooperativeStatus = z.object({
  status: CooperativeStatus,
  effectiveOn: LocalDate,
  reason: Text(2000),
  decisionNumber: Text(100).optional(),
});
export type ChangeCooperativeStatus = z.infer<typeof ChangeCooperativeStatus>;

export const UpdateMemberCounts = z.object({ members: MemberCounts, asOf: LocalDate });
export type UpdateMemberCounts = z.infer<typeof UpdateMemberCounts>;

export type CooperativeCommand =
  | ({ type: 'RegisterCooperative' } & RegisterCooperative)
  | ({ type: 'ChangeCooperativeStatus'; cooperativeId: string } & ChangeCooperativeStatus)
  | ({ type: 'UpdateMemberCounts'; cooperativeId: string } & UpdateMemberCounts);

export type CooperativeRegistered = DomainEvent<
  'CooperativeRegistered',
  z.infer<typeof CooperativeFields> & { provinceId: string; provinceCode: string }
>;
export type CooperativeStatusChanged = DomainEvent<
  'CooperativeStatusChanged',
  {
    cooperativeId: string;
    from: CooperativeStatus;
    to: CooperativeStatus;
    effectiveOn: string;
    reason: string;
    decisionNumber?: string;
  }
>;
export type CooperativeMembersUpdated = DomainEvent<
  'CooperativeMembersUpdated',
  { cooperativeId: string; members: MemberCounts; asOf: string }
>;
export type CooperativeEvent = CooperativeRegistered | CooperativeStatusChanged | CooperativeMembersUpdated;

export interface CooperativeState {
  registered: boolean;
  cooperativeId: string;
  name: string;
  kind: CooperativeKind | null;
  provinceId: string | null;
  status: CooperativeStatus;
  members: MemberCounts;
}

export const initialCooperativeState = (): CooperativeState => ({
  registered: false,
  cooperativeId: '',
  name: '',
  kind: null,
  provinceId: null,
  status: 'active',
  members: { official: 0, associate: 0 },
});

export function cooperativeStream(cooperativeId: string): string {
  return `cooperative-${cooperativeId}`;
}

export const cooperativeDecider: Decider<CooperativeCommand, CooperativeEvent, CooperativeState, undefined> = {
  initialState: initialCooperativeState,

  evolve(state, event) {
    switch (event.type) {
      case 'CooperativeRegistered':
        return {
          ...state,
          registered: true,
          cooperativeId: event.data.cooperativeId,
          name: event.data.name,
          kind: event.data.kind,
          provinceId: event.data.provinceId,
          status: 'active',
          members: event.data.members,
        };
      case 'CooperativeStatusChanged':
        return { ...state, status: event.data.to };
      case 'CooperativeMembersUpdated':
        return { ...state, members: event.data.members };
    }
  },

  decide(command, state) {
    switch (command.type) {
      case 'RegisterCooperative': {
        if (state.registered) {
          fail('cooperative-already-registered', `cooperative ${command.cooperativeId} is already registered`);
        }
        const p = province(mapOn(command.registeredOn), command.province);
        if (p === undefined) {
          fail('unknown-province', `no province has code ${command.province} on ${command.registeredOn}`, {
            code: command.province,
            date: command.registeredOn,
          });
        }
        const c = requireCommune('communeCode', command.communeCode, command.registeredOn, p);
        const { province: code, type: _t, communeCode: _c, ...data } = command;
        return [
          {
            type: 'CooperativeRegistered',
            data: {
              ...data,
              commune: c.name,
              ...(c.district ? { district: c.district.name } : {}),
              communeCode: c.code,
              provinceId: p.id,
              provinceCode: code,
            },
          },
        ];
      }
      case 'ChangeCooperativeStatus': {
        if (!state.registered)
          fail('cooperative-not-registered', `cooperative ${command.cooperativeId} is not registered`);
        if (state.status === command.status) fail('status-unchanged', `the cooperative is already ${command.status}`);
        return [
          {
            type: 'CooperativeStatusChanged',
            data: {
              cooperativeId: command.cooperativeId,
              from: state.status,
              to: command.status,
              effectiveOn: command.effectiveOn,
              reason: command.reason,
              ...(command.decisionNumber !== undefined ? { decisionNumber: command.decisionNumber } : {}),
            },
          },
        ];
      }
      case 'UpdateMemberCounts': {
        if (!state.registered)
          fail('cooperative-not-registered', `cooperative ${command.cooperativeId} is not registered`);
        return [
          {
            type: 'CooperativeMembersUpdated',
            data: { cooperativeId: command.cooperativeId, members: command.members, asOf: command.asOf },
          },
        ];
      }
    }
  },
};
