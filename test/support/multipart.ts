/** A multipart/form-data body as a browser sends it (fields first, then the file), for app.inject. */
export async function multipart(
  file: { name: string; bytes: Uint8Array; type?: string },
  fields: Record<string, string> = {},
): Promise<{ payload: Buffer; headers: { 'content-type': string } }> {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  form.append('file', new Blob([file.bytes], { type: file.type ?? 'application/octet-stream' }), file.name);
  const body = new Response(form);
  return {
    payload: Buffer.from(await body.arrayBuffer()),
    headers: { 'content-type': body.headers.get('content-type') as string },
  };
}

/** A small but real PDF: file-type knows it by its first bytes. */
export function pdfBytes(text = 'Biên bản hội nghị', padTo = 0): Buffer {
  const body = `%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n% ${text}\n`;
  const pad = Math.max(0, padTo - Buffer.byteLength(body) - 6);
  return Buffer.concat([Buffer.from(body), Buffer.alloc(pad, 0x20), Buffer.from('\n%%EOF')]);
}
