import { parentPort } from 'node:worker_threads';
import type { OfficialDocument } from '../../projections/official-document.ts';
import { officialDocx, officialPdf } from './official-document.ts';

/**
 * Draws Word and PDF files on this thread (document-renderer.ts starts it): a year-end report's
 * PDF takes a few hundred milliseconds of the processor, which the event loop does not wait for.
 * Answers each request with its bytes, or the error's message.
 */
parentPort?.on('message', (m: { id: number; document: OfficialDocument; format: 'docx' | 'pdf' }) => {
  (m.format === 'docx' ? officialDocx(m.document) : officialPdf(m.document)).then(
    (body) => {
      const bytes = new Uint8Array(body.buffer, body.byteOffset, body.byteLength).slice();
      parentPort?.postMessage({ id: m.id, bytes }, [bytes.buffer]);
    },
    (err: unknown) => parentPort?.postMessage({ id: m.id, error: err instanceof Error ? err.message : String(err) }),
  );
});
