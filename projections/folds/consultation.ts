import type { ConsultationEvent } from '../../domain/consultation/consultation.ts';
import { type Catalog, type Envelope, type Stamp } from '../catalog.ts';

/** Consultations on draft plans and who replied. */
export function foldConsultation(c: Catalog, e: ConsultationEvent, at: Envelope, v: Stamp): void {
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
      c.consultations.set(x.consultationId, { ...x, ...v, parties: x.parties.map((p) => (p.partyId === e.data.partyId ? { ...p, reply } : p)) });
      return;
    }
    case 'ConsultationClosed': {
      const x = c.consultations.get(e.data.consultationId);
      if (x) c.consultations.set(x.consultationId, { ...x, ...v, status: 'closed' });
      return;
    }
  }
}
