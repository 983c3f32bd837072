import { z } from 'zod';
import {
  RecordPetition,
  RespondToPetition,
  dialogueStream,
  type DialogueEvent,
} from '../../domain/dialogue/dialogue.ts';
import { DIALOGUE_RULES } from '../../domain/dialogue/rules.ts';
import { ProvinceAsRecorded, TakeoverView, asRecorded } from '../../domain/shared/takeover.ts';
import {
  campaignRecords,
  capabilityProjection,
  type Envelope,
  type FoldTarget,
  InCampaign,
  type Kept,
  Positioned,
  recordsOf,
  type Stamp,
  Versioned,
} from '../capability.ts';

/** A petition followed to its resolution. */
export const PetitionView = RecordPetition.extend({
  ...InCampaign,
  status: z.enum(['open', 'answered', 'resolved']),
  responses: z.array(RespondToPetition),
  takenOver: TakeoverView.optional().describe(
    'the successor province that took the petition over, when and under which decision',
  ),
  ...Versioned,
  ...Positioned,
});
export type PetitionView = z.infer<typeof PetitionView> & Kept;
/** A petition as served: with the province it was recorded under, named as on the day it was submitted. */
export const PetitionItem = PetitionView.extend({ province: ProvinceAsRecorded }).meta({ id: 'Petition' });
export const petitionItem = (p: PetitionView): z.infer<typeof PetitionItem> & Kept => ({
  ...p,
  province: asRecorded(p.organiser, p.submittedOn),
});
import { bump, creditKey, statusKey } from '../series.ts';

const slices = { petitions: campaignRecords<PetitionView>()(11, 'petitionId') };

/** Dialogue conferences and the petitions raised at them. */
export function foldDialogue(c: FoldTarget<typeof slices>, e: DialogueEvent, at: Envelope, v: Stamp): void {
  switch (e.type) {
    case 'DialogueConferenceHeld': {
      const r = recordsOf(c, e.data.organiser, e.data.year);
      r.dialogueRevision = at.revision;
      r.dialogues.push(e.data);
      bump(r.series, 'dialogues', e.data.date, 1);
      bump(r.series, creditKey(e.data.activityId, 'dialogues'), e.data.date, 1);
      return;
    }
    case 'PetitionRecorded': {
      const d = e.data;
      const r = recordsOf(c, d.organiser, d.year);
      r.dialogueRevision = at.revision;
      bump(r.series, 'petitions', d.submittedOn, 1);
      bump(r.series, statusKey('petition', 'open'), d.submittedOn, 1);
      c.petitions.set(d.petitionId, {
        organiser: d.organiser,
        year: d.year,
        petitionId: d.petitionId,
        dialogueId: d.dialogueId,
        cooperativeId: d.cooperativeId,
        submittedBy: d.submittedBy,
        submittedOn: d.submittedOn,
        topic: d.topic,
        subject: d.subject,
        content: d.content,
        addressedTo: d.addressedTo,
        revision: at.revision,
        updatedAt: at.recordedAt,
        lastPosition: at.position,
        status: 'open',
        responses: [],
        position: at.position,
      });
      return;
    }
    case 'PetitionAnswered': {
      const r = recordsOf(c, e.data.organiser, e.data.year);
      r.dialogueRevision = at.revision;
      const p = c.petitions.get(e.data.petitionId);
      if (!p) return;
      const { respondedBy, respondedOn, response, resolved } = e.data;
      bump(r.series, statusKey('petition', p.status), p.submittedOn, -1);
      bump(r.series, statusKey('petition', resolved ? 'resolved' : 'answered'), p.submittedOn, 1);
      if (resolved && p.status !== 'resolved') {
        bump(r.series, 'petitionsResolved', respondedOn, 1);
        bump(r.series, creditKey(undefined, 'petitions-resolved'), respondedOn, 1);
      }
      c.petitions.set(p.petitionId, {
        ...p,
        ...v,
        status: resolved ? 'resolved' : 'answered',
        responses: [...p.responses, { respondedBy, respondedOn, response, resolved }],
      });
      return;
    }
    case 'PetitionTakenOver': {
      const r = recordsOf(c, e.data.organiser, e.data.year);
      r.dialogueRevision = at.revision;
      const p = c.petitions.get(e.data.petitionId);
      const { organiser: _o, year: _y, petitionId: _p, ...takenOver } = e.data;
      if (p) c.petitions.set(p.petitionId, { ...p, ...v, takenOver });
      return;
    }
  }
}

export const dialogueProjection = capabilityProjection<DialogueEvent>()({
  name: 'dialogue',
  slices,
  rules: DIALOGUE_RULES,
  events: ['DialogueConferenceHeld', 'PetitionRecorded', 'PetitionAnswered', 'PetitionTakenOver'],
  fold: foldDialogue,
  ledgerStreams: (code, year) => [dialogueStream(code, year)],
});
