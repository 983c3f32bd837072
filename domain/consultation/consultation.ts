import { z } from 'zod';
import { Text } from '../shared/text.ts';
import type { Decider, DomainEvent } from '../shared/decider.ts';
import { fail } from './rules.ts';
import { LocalDate } from '../shared/time.ts';

export const PartyGroup = z.enum([
  'steering-committee',
  'district-committee',
  'department',
  'commune-committee',
  'other',
]);

export const ConsultedParty = z.object({
  partyId: z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'must be a slug: lower-case letters, digits and "-"'),
  name: Text(300),
  group: PartyGroup,
});

/** Consultation on a draft plan (lấy ý kiến dự thảo): who was asked and who answered. */
export const OpenConsultation = z
  .object({
    consultationId: z.uuid(),
    draft: z.object({ title: Text(500), number: Text(100).optional() }),
    openedOn: LocalDate,
    dueOn: LocalDate.optional(),
    parties: z.array(ConsultedParty).min(1, 'consult at least one party').max(500),
  })
  .refine((c) => new Set(c.parties.map((p) => p.partyId)).size === c.parties.length, {
    message: 'each party is listed once',
    path: ['parties'],
  });
export type OpenConsultation = z.infer<typeof OpenConsultation>;

export const RecordConsultationReply = z.object({
  partyId: z.string(),
  repliedOn: LocalDate,
  position: z.enum(['agreed', 'commented', 'objected']),
  comments: Text(5000).optional(),
});
export type RecordConsultationReply = z.infer<typeof RecordConsultationReply>;

export const CloseConsultation = z.object({ closedOn: LocalDate, outcome: Text(2000).optional() });

export type ConsultationCommand =
  | ({ type: 'OpenConsultation'; organiser: string } & OpenConsultation)
  | ({ type: 'RecordConsultationReply'; consultationId: string } & RecordConsultationReply)
  | ({ type: 'CloseConsultation'; consultationId: string } & z.infer<typeof CloseConsultation>);

export type ConsultationOpened = DomainEvent<'ConsultationOpened', { organiser: string } & OpenConsultation>;
export type ConsultationReplyRecorded = DomainEvent<
  'ConsultationReplyRecorded',
  { organiser: string; consultationId: string; group: z.infer<typeof PartyGroup> } & RecordConsultationReply
>;
export type ConsultationClosed = DomainEvent<
  'ConsultationClosed',
  { organiser: string; consultationId: string } & z.infer<typeof CloseConsultation>
>;
export type ConsultationEvent = ConsultationOpened | ConsultationReplyRecorded | ConsultationClosed;

export interface ConsultationState {
  status: 'none' | 'open' | 'closed';
  organiser: string;
  parties: Record<string, z.infer<typeof PartyGroup>>;
  replied: Record<string, z.infer<typeof RecordConsultationReply>['position']>;
}

export function consultationStream(organiser: string, consultationId: string): string {
  return `consultation-${organiser}-${consultationId}`;
}

/** "12 of 18 steering-committee members replied": asked and replied per group, and positions. */
export function consultationTally(s: ConsultationState) {
  const groups: Record<string, { asked: number; replied: number }> = {};
  for (const [party, group] of Object.entries(s.parties)) {
    const g = (groups[group] ??= { asked: 0, replied: 0 });
    g.asked += 1;
    if (s.replied[party] !== undefined) g.replied += 1;
  }
  const positions = { agreed: 0, commented: 0, objected: 0 };
  for (const p of Object.values(s.replied)) positions[p] += 1;
  return { groups, positions };
}

export const consultationDecider: Decider<ConsultationCommand, ConsultationEvent, ConsultationState, undefined> = {
  initialState: () => ({ status: 'none', organiser: '', parties: {}, replied: {} }),

  evolve(state, event) {
    switch (event.type) {
      case 'ConsultationOpened':
        return {
          ...state,
          status: 'open',
          organiser: event.data.organiser,
          parties: Object.fromEntries(event.data.parties.map((p) => [p.partyId, p.group])),
        };
      case 'ConsultationReplyRecorded':
        return { ...state, replied: { ...state.replied, [event.data.partyId]: event.data.position } };
      case 'ConsultationClosed':
        return { ...state, status: 'closed' };
    }
  },

  decide(command, state) {
    switch (command.type) {
      case 'OpenConsultation': {
        if (state.status !== 'none')
          fail('consultation-already-opened', `consultation ${command.consultationId} is already opened`);
        const { type: _t, ...c } = command;
        return [{ type: 'ConsultationOpened', data: c }];
      }
      case 'RecordConsultationReply': {
        if (state.status === 'none') fail('consultation-not-found', `no consultation ${command.consultationId}`);
        if (state.status === 'closed') fail('consultation-closed', `consultation ${command.consultationId} is closed`);
        const group = state.parties[command.partyId];
        if (group === undefined)
          fail('not-consulted', `"${command.partyId}" was not consulted`, { partyId: command.partyId });
        if (state.replied[command.partyId] !== undefined)
          fail('already-replied', `"${command.partyId}" already replied`, { partyId: command.partyId });
        const { type: _t, ...c } = command;
        return [{ type: 'ConsultationReplyRecorded', data: { organiser: state.organiser, group, ...c } }];
      }
      case 'CloseConsultation': {
        if (state.status === 'none') fail('consultation-not-found', `no consultation ${command.consultationId}`);
        if (state.status === 'closed')
          fail('consultation-closed', `consultation ${command.consultationId} is already closed`);
        const { type: _t, ...c } = command;
        return [{ type: 'ConsultationClosed', data: { organiser: state.organiser, ...c } }];
      }
    }
  },
};
