import { createHash } from 'node:crypto';
import type { Worker } from 'node:worker_threads';
import type { OfficialDocument } from '../../projections/official-document.ts';
import { startWorker } from '../runtime/worker.ts';
import { MEDIA_TYPES, officialHtml, type DocumentFormat } from './official-document.ts';

type Pending = { resolve: (b: Buffer) => void; reject: (e: Error) => void };

/**
 * Word and PDF files are drawn on one worker thread, started on first use and kept (referenced
 * only while it draws: idle, it does not keep the process alive); HTML, a string, here. Requests
 * are answered in turn.
 */
class Renderer {
  private worker: Worker | undefined;
  private next = 0;
  private readonly pending = new Map<number, Pending>();

  private start(): Worker {
    if (this.worker !== undefined) return this.worker;
    const w = startWorker(new URL('./document-worker.ts', import.meta.url), {});
    w.on('message', (m: { id: number; bytes?: Uint8Array; error?: string }) => {
      const p = this.pending.get(m.id);
      this.pending.delete(m.id);
      if (this.pending.size === 0) w.unref();
      if (m.bytes !== undefined) p?.resolve(Buffer.from(m.bytes.buffer, m.bytes.byteOffset, m.bytes.byteLength));
      else p?.reject(new Error(`the document could not be drawn: ${m.error ?? 'unknown error'}`));
    });
    const fail = (err: Error) => {
      // A worker that failed is replaced on the next request; what it was drawing fails now.
      this.worker = undefined;
      for (const p of this.pending.values()) p.reject(err);
      this.pending.clear();
    };
    w.on('error', fail);
    w.on('exit', (code) => fail(new Error(`the document worker stopped (${code})`)));
    // Listening refs the worker's port: idle, it must not keep the process alive.
    w.unref();
    this.worker = w;
    return w;
  }

  draw(document: OfficialDocument, format: 'docx' | 'pdf'): Promise<Buffer> {
    const id = this.next++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      const w = this.start();
      // Kept alive while it draws, let go once idle.
      w.ref();
      w.postMessage({ id, document, format });
    });
  }
}

const renderer = new Renderer();

/** The document in a format, drawn off the event loop, and its SHA-256 (what an auditor checks the file against). */
export async function renderDocument(
  d: OfficialDocument,
  format: DocumentFormat,
): Promise<{ body: Buffer; type: string; sha256: Buffer; filename: string }> {
  const body = format === 'html' ? officialHtml(d) : await renderer.draw(d, format);
  return {
    body,
    type: MEDIA_TYPES[format],
    sha256: createHash('sha256').update(body).digest(),
    filename: `${d.meta.filename}.${format}`,
  };
}
