import JSZip from 'jszip';

/** The text of a .docx (a zip whose word/document.xml holds the body), one paragraph a line. */
export async function docxText(file: Uint8Array | ArrayBuffer): Promise<{ text: string; xml: string }> {
  const zip = await JSZip.loadAsync(file);
  const xml = (await zip.file('word/document.xml')?.async('string')) ?? '';
  const text = xml
    .split('</w:p>')
    .map((p) => [...p.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join(''))
    .join('\n')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'");
  return { text, xml };
}
