import { z } from 'zod';
import type { ConsultationEvent } from '../../domain/consultation/consultation.ts';
import { CONSULTATION_RULES } from '../../domain/consultation/rules.ts';
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

/** A consultation on a draft: the parties asked and their replies. */
export const ConsultationView = z.object({
  organiser: z.string(),
  consultationId: z.string(),
  draft: z.object({ title: z.string(), number: z.string().optional() }),
  openedOn: z.string(),
  dueOn: z.string().optional(),
  status: z.enum(['open', 'closed']),
  parties: z.array(
    z.object({
      partyId: z.string(),
      name: z.string(),
      group: z.string(),
      reply: z.object({ repliedOn: z.string(), position: z.string(), comments: z.string().optional() }).optional(),
    }),
  ),
  ...Versioned,
  ...Positioned,
});
export type ConsultationView = z.infer<typeof ConsultationView> & Kept;
/** A consultation as served, with the tally of replies. */
export const ConsultationItem = ConsultationView.extend({
  tally: z.object({
    asked: z.number().int(),
    replied: z.number().int(),
    agreed: z.number().int(),
    commented: z.number().int(),
    objected: z.number().int(),
  }),
}).meta({ id: 'Consultation' });

const slices = { consultations: keptDocuments<ConsultationView>()(13) };

/** Consultations on draft plans and who replied. */
export function foldConsultation(c: FoldTarget<typeof slices>, e: ConsultationEvent, at: Envelope, v: Stamp): void {
  switch (e.type) {
    case 'ConsultationOpened': {
      const d = e.data;
      c.consultations.set(d.consultationId, {
        organiser: d.organiser,
        consultationId: d.consultationId,
        draft: d.draft,
        openedOn: d.openedOn,
        ...(d.dueOn !== undefined ? { dueOn: d.dueOn } : {}),
        status: 'open',
        parties: d.parties.map((p) => ({ ...p })),
        ...v,
        position: at.position,
      });
      return;
    }
    case 'ConsultationReplyRecorded': {
      const x = c.consultations.get(e.data.consultationId);
      if (!x) return;
      const { repliedOn, position, comments } = e.data;
      const reply = { repliedOn, position, ...(comments !== undefined ? { comments } : {}) };
      c.consultations.set(x.consultationId, {
        ...x,
        ...v,
        parties: x.parties.map((p) => (p.partyId === e.data.partyId ? { ...p, reply } : p)),
      });
      return;
    }
    case 'ConsultationClosed': {
      const x = c.consultations.get(e.data.consultationId);
      if (x) c.consultations.set(x.consultationId, { ...x, ...v, status: 'closed' });
      return;
    }
  }
}

/** A consultation as served: with the tally of its parties' replies. */
export function consultationItem(x: ConsultationView): z.infer<typeof ConsultationItem> {
  const replies = x.parties.filter((p) => p.reply !== undefined);
  const count = (position: string): number => replies.filter((p) => p.reply?.position === position).length;
  const tally = {
    asked: x.parties.length,
    replied: replies.length,
    agreed: count('agreed'),
    commented: count('commented'),
    objected: count('objected'),
  };
  return { ...x, tally };
}

export const consultationProjection = capabilityProjection<ConsultationEvent>()({
  name: 'consultation',
  slices,
  rules: CONSULTATION_RULES,
  events: ['ConsultationOpened', 'ConsultationReplyRecorded', 'ConsultationClosed'],
  fold: foldConsultation,
});
