import { z } from 'zod';
import { ATTACHMENT_RULES } from '../../domain/attachment/rules.ts';
import {
  AttachedFile,
  AttachedTo,
  type AttachmentEvent,
  type AttachmentRecordKind,
} from '../../domain/attachment/attachment.ts';
import {
  capabilityProjection,
  type Envelope,
  type FoldTarget,
  type Kept,
  keptDocuments,
  type Stamp,
  Versioned,
} from '../capability.ts';

/** One attached file as listed: what was recorded, when, and its removal if it was removed. */
export const AttachmentView = AttachedFile.extend({
  attachedAt: z.string().describe('when it was attached (the log records who)'),
  status: z.enum(['attached', 'removed']),
  removed: z.object({ at: z.string(), reason: z.string() }).optional(),
  position: z.number().int(),
}).meta({ id: 'Attachment' });
export type AttachmentView = z.infer<typeof AttachmentView>;

/** A record's files, in the order attached; removed ones stay listed with their removal. */
export const AttachmentListView = z
  .object({
    organiser: z.string(),
    record: AttachedTo,
    files: z.array(AttachmentView),
    ...Versioned,
  })
  .meta({ id: 'AttachmentList' });
export type AttachmentListView = z.infer<typeof AttachmentListView> & Kept;

/** The key of a record's list: its kind and id. */
export const attachmentKey = (kind: AttachmentRecordKind, recordId: string): string => `${kind}/${recordId}`;

/**
 * Each record's list of files (its stream: attachmentStream), by the record's kind and id. Campaign
 * snapshots and time travel leave them out: they are read as they stand.
 */
const slices = { attachments: keptDocuments<AttachmentListView>()(21) };

/** Files attached to records and their removals. */
export function foldAttachment(c: FoldTarget<typeof slices>, e: AttachmentEvent, at: Envelope, v: Stamp): void {
  const key = attachmentKey(e.data.record.kind, e.data.record.id);
  const list = c.attachments.get(key);
  switch (e.type) {
    case 'FileAttached': {
      const { organiser, record, ...file } = e.data;
      const view: AttachmentView = { ...file, attachedAt: at.recordedAt, status: 'attached', position: at.position };
      c.attachments.set(key, { organiser, record, files: [...(list?.files ?? []), view], ...v });
      return;
    }
    case 'AttachmentRemoved': {
      if (list === undefined) return;
      const files = list.files.map((f) =>
        f.attachmentId === e.data.attachmentId && f.status === 'attached'
          ? { ...f, status: 'removed' as const, removed: { at: at.recordedAt, reason: e.data.reason } }
          : f,
      );
      c.attachments.set(key, { ...list, files, ...v });
      return;
    }
  }
}

export const attachmentProjection = capabilityProjection<AttachmentEvent>()({
  name: 'attachment',
  slices,
  rules: ATTACHMENT_RULES,
  events: ['FileAttached', 'AttachmentRemoved'],
  fold: foldAttachment,
});
