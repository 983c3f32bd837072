import { z } from 'zod';
import type { Decider, DomainEvent } from '../shared/decider.ts';
import { Text } from '../shared/text.ts';
import { fail } from './rules.ts';

/**
 * Files attached to records (issue #33): the plan, the decision (QĐ), the minutes, the photos an
 * official keeps with a meeting, a publication, a support approval or disbursement, a nomination,
 * a task or a unit's report submission. The log records what was attached — the file's name, its
 * type as read from its bytes, its size and SHA-256 — never the bytes: those are kept once, by
 * their hash, in the file store (src/files/). A removal keeps the history: the file stays listed
 * with its removal, and its bytes stay in the store.
 */
export const AttachmentRecordKind = z.enum([
  'outreach-meetings',
  'publications',
  'support-approvals',
  'disbursements',
  'nominations',
  'tasks',
  'report-submissions',
]);
export type AttachmentRecordKind = z.infer<typeof AttachmentRecordKind>;

/** Controls, and the separators of a path: a name is a name, never a place on a disk. */
const NOT_A_NAME = /[\u0000-\u001f\u007f/\\]/;

/** A file's name as people gave it: UTF-8 in Unicode's composed form (NFC), at most 255 characters. */
export const FileName = Text(255)
  .refine((s) => !NOT_A_NAME.test(s), 'must not contain control characters, / or \\')
  .refine((s) => s === s.normalize('NFC'), 'must be in Unicode normal form C (composed)');

export const Sha256 = z.string().regex(/^[0-9a-f]{64}$/, 'must be 64 lowercase hexadecimal digits');

/** The record a file belongs to: its kind, its id, and where it lives (organiser, and year where it has one). */
export const AttachedTo = z.object({
  kind: AttachmentRecordKind,
  id: z.string().min(1).max(80),
  year: z.number().int().optional(),
  /** A report submission's period and unit. */
  period: z.string().optional(),
  unit: z.string().optional(),
});
export type AttachedTo = z.infer<typeof AttachedTo>;

/** What is recorded of an attached file. */
export const AttachedFile = z.object({
  attachmentId: z.uuid(),
  name: FileName,
  mediaType: z.string().min(3).max(200).describe('as read from the bytes: "application/pdf", "image/jpeg"'),
  extension: z.string().max(10).describe('the detected type\'s usual extension: "pdf", "jpg", "docx"'),
  size: z.number().int().nonnegative().describe('bytes'),
  sha256: Sha256,
  caption: Text(500).optional().describe('"Biên bản hội nghị", "Ảnh hội nghị tại xã"'),
});
export type AttachedFile = z.infer<typeof AttachedFile>;

export const RemoveAttachment = z.object({ reason: Text(2000) });

export type AttachmentCommand =
  | ({ type: 'AttachFile' } & AttachedFile)
  | ({ type: 'RemoveAttachment'; attachmentId: string } & z.infer<typeof RemoveAttachment>);

interface Scope {
  organiser: string;
  record: AttachedTo;
}
export type FileAttached = DomainEvent<'FileAttached', Scope & AttachedFile>;
export type AttachmentRemoved = DomainEvent<'AttachmentRemoved', Scope & { attachmentId: string; reason: string }>;
export type AttachmentEvent = FileAttached | AttachmentRemoved;

/** Each file of the record: whether it is attached or was removed, and its hash. */
export interface AttachmentState {
  files: ReadonlyMap<string, { sha256: string; removed: boolean }>;
}

/** What the decision needs of the record the file goes with: that it exists, and whether it was retracted. */
export interface AttachmentContext {
  organiser: string;
  record: AttachedTo;
  found: boolean;
  retracted: boolean;
}

/** One stream per record: its files, in the order attached. */
export function attachmentStream(organiser: string, kind: AttachmentRecordKind, recordId: string): string {
  return `attachments-${organiser}-${kind}-${recordId}`;
}

export const attachmentDecider: Decider<AttachmentCommand, AttachmentEvent, AttachmentState, AttachmentContext> = {
  initialState: () => ({ files: new Map() }),

  evolve(state, event) {
    const files = new Map(state.files);
    if (event.type === 'FileAttached')
      files.set(event.data.attachmentId, { sha256: event.data.sha256, removed: false });
    else {
      const f = files.get(event.data.attachmentId);
      if (f !== undefined) files.set(event.data.attachmentId, { ...f, removed: true });
    }
    return { files };
  },

  decide(command, state, ctx) {
    const scope = { organiser: ctx.organiser, record: ctx.record };
    const what = `${ctx.record.kind} ${ctx.record.id}`;
    switch (command.type) {
      case 'AttachFile': {
        if (!ctx.found) fail('attachment-record-not-found', `no ${what} in ${ctx.organiser}`);
        if (ctx.retracted) fail('attachment-record-retracted', `${what} was retracted`);
        const { type: _t, ...file } = command;
        const same = [...state.files].find(([, f]) => !f.removed && f.sha256 === file.sha256);
        if (same !== undefined)
          fail('attachment-already-attached', `${what} has this file already (attachment ${same[0]})`, {
            attachmentId: same[0],
          });
        if (state.files.has(file.attachmentId))
          fail('attachment-already-attached', `attachment ${file.attachmentId} is recorded already`, {
            attachmentId: file.attachmentId,
          });
        return [{ type: 'FileAttached', data: { ...scope, ...file } }];
      }
      case 'RemoveAttachment': {
        const f = state.files.get(command.attachmentId);
        if (f === undefined) fail('attachment-not-found', `no attachment ${command.attachmentId} on ${what}`);
        if (f.removed) fail('attachment-removed', `attachment ${command.attachmentId} was removed already`);
        return [
          { type: 'AttachmentRemoved', data: { ...scope, attachmentId: command.attachmentId, reason: command.reason } },
        ];
      }
    }
  },
};
