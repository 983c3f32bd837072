import { describe, expect, it } from 'vitest';
import { id } from '../../test/support/decider-fixtures.ts';
import { spec } from '../../test/support/decider-spec.ts';
import { AttachedFile, attachmentDecider, type AttachmentContext, type AttachmentEvent } from './attachment.ts';

const attachments = spec(attachmentDecider);
const record = { kind: 'outreach-meetings' as const, id: id(30), year: 2026 };
const ctx: AttachmentContext = { organiser: '68', record, found: true, retracted: false };
const minutes = {
  attachmentId: id(80),
  name: 'Biên bản hội nghị tuyên truyền.pdf',
  mediaType: 'application/pdf',
  extension: 'pdf',
  size: 182_113,
  sha256: 'a'.repeat(64),
  caption: 'Biên bản',
};
const attached: AttachmentEvent = { type: 'FileAttached', data: { organiser: '68', record, ...minutes } };
const removed: AttachmentEvent = {
  type: 'AttachmentRemoved',
  data: { organiser: '68', record, attachmentId: id(80), reason: 'Nhầm biên bản' },
};

describe('AttachFile', () => {
  it('given a recorded meeting, when its minutes are attached, then the file is recorded with its name, type, size and hash', () => {
    attachments
      .given([], ctx)
      .when({ type: 'AttachFile', ...minutes })
      .then([attached]);
  });

  it('refuses the same bytes twice on one record, a record that does not exist, and a retracted one', () => {
    attachments
      .given([attached], ctx)
      .when({ type: 'AttachFile', ...minutes, attachmentId: id(81), name: 'ban-sao.pdf' })
      .thenFails('attachment-already-attached', { attachmentId: id(80) });
    attachments
      .given([], { ...ctx, found: false })
      .when({ type: 'AttachFile', ...minutes })
      .thenFails('attachment-record-not-found');
    attachments
      .given([], { ...ctx, retracted: true })
      .when({ type: 'AttachFile', ...minutes })
      .thenFails('attachment-record-retracted');
  });

  it('takes the same bytes again once the first copy was removed', () => {
    attachments
      .given([attached, removed], ctx)
      .when({ type: 'AttachFile', ...minutes, attachmentId: id(82) })
      .then([{ type: 'FileAttached', data: { organiser: '68', record, ...minutes, attachmentId: id(82) } }]);
  });

  it('takes names in composed Unicode only, and no path in a name', () => {
    expect(AttachedFile.safeParse({ ...minutes, name: 'Bie\u0302n ba\u0309n.pdf' }).success).toBe(false);
    expect(AttachedFile.safeParse({ ...minutes, name: '../../etc/passwd' }).success).toBe(false);
    expect(AttachedFile.safeParse({ ...minutes, name: 'Biên bản.pdf' }).success).toBe(true);
  });
});

describe('RemoveAttachment', () => {
  it('given an attached file, when it is removed, then the removal is recorded with its reason; twice is refused', () => {
    attachments
      .given([attached], ctx)
      .when({ type: 'RemoveAttachment', attachmentId: id(80), reason: 'Nhầm biên bản' })
      .then([removed]);
    attachments
      .given([attached, removed], ctx)
      .when({ type: 'RemoveAttachment', attachmentId: id(80), reason: 'x' })
      .thenFails('attachment-removed');
    attachments
      .given([], ctx)
      .when({ type: 'RemoveAttachment', attachmentId: id(80), reason: 'x' })
      .thenFails('attachment-not-found');
  });

  it('removes a file of a retracted record: its history keeps both', () => {
    attachments
      .given([attached], { ...ctx, retracted: true })
      .when({ type: 'RemoveAttachment', attachmentId: id(80), reason: 'Nhầm biên bản' })
      .then([removed]);
  });
});
