import { inflateSync } from 'node:zlib';

/**
 * The text of a PDF as PDFKit writes it (embedded Type 0 fonts, Identity-H, a ToUnicode map per
 * font, FlateDecode streams): each text object (BT … ET) a line, each page's lines apart, read back
 * through the fonts' ToUnicode maps, as a PDF reader's copy and search do. Enough to check what a
 * generated document says; not a general PDF parser.
 */
export function pdfText(file: Uint8Array): { pages: string[]; text: string; info: string } {
  const pdf = Buffer.from(file).toString('latin1');
  const objects = new Map<number, { dict: string; stream?: string }>();
  for (const m of pdf.matchAll(/(\d+) 0 obj\n([\s\S]*?)\nendobj/g)) {
    const body = m[2] ?? '';
    const at = body.indexOf('\nstream\n');
    if (at < 0) {
      objects.set(Number(m[1]), { dict: body });
      continue;
    }
    const dict = body.slice(0, at);
    const raw = Buffer.from(body.slice(at + 8, body.lastIndexOf('\nendstream')), 'latin1');
    const stream = (dict.includes('/FlateDecode') ? inflateSync(raw) : raw).toString('latin1');
    objects.set(Number(m[1]), { dict, stream });
  }
  const ref = (dict: string, key: string): number | undefined => {
    const m = new RegExp(`/${key} (\\d+) 0 R`).exec(dict);
    return m === null ? undefined : Number(m[1]);
  };
  const utf16 = (hex: string): string => Buffer.from(hex, 'hex').swap16().toString('utf16le');
  /** Each font resource's glyph codes to text, from its ToUnicode map. */
  const fonts = new Map<string, Map<number, string>>();
  const cmapOf = (fontObject: number): Map<number, string> => {
    const cmap = new Map<number, string>();
    const font = objects.get(fontObject);
    const to = font === undefined ? undefined : ref(font.dict, 'ToUnicode');
    const text = to === undefined ? '' : (objects.get(to)?.stream ?? '');
    for (const block of text.matchAll(/beginbfrange\n([\s\S]*?)endbfrange/g))
      for (const r of (block[1] ?? '').matchAll(/<([0-9a-f]+)> <([0-9a-f]+)> (\[[^\]]*\]|<[0-9a-f]+>)/gi)) {
        const start = parseInt(r[1] ?? '0', 16);
        const list = r[3] ?? '';
        if (list.startsWith('['))
          [...list.matchAll(/<([0-9a-f]+)>/gi)].forEach((u, i) => cmap.set(start + i, utf16(u[1] ?? '')));
        else {
          const first = parseInt(list.slice(1, -1), 16);
          for (let c = start; c <= parseInt(r[2] ?? '0', 16); c++) cmap.set(c, String.fromCodePoint(first + c - start));
        }
      }
    for (const block of text.matchAll(/beginbfchar\n([\s\S]*?)endbfchar/g))
      for (const r of (block[1] ?? '').matchAll(/<([0-9a-f]+)> <([0-9a-f]+)>/gi))
        cmap.set(parseInt(r[1] ?? '0', 16), utf16(r[2] ?? ''));
    return cmap;
  };
  for (const { dict } of objects.values()) {
    const fontDict = /\/Font <<([\s\S]*?)>>/.exec(dict)?.[1];
    if (fontDict === undefined) continue;
    for (const f of fontDict.matchAll(/\/(\w+) (\d+) 0 R/g))
      if (!fonts.has(f[1] ?? '')) fonts.set(f[1] ?? '', cmapOf(Number(f[2])));
  }
  // The pages in order: the Pages tree's Kids.
  const catalog = [...objects.values()].find((o) => /\/Type \/Catalog/.test(o.dict));
  const pagesRoot = catalog === undefined ? undefined : objects.get(ref(catalog.dict, 'Pages') ?? -1);
  const kids = [...(/\/Kids \[([^\]]*)\]/.exec(pagesRoot?.dict ?? '')?.[1] ?? '').matchAll(/(\d+) 0 R/g)].map((k) =>
    Number(k[1]),
  );
  const pages = kids.map((k) => {
    const content = objects.get(ref(objects.get(k)?.dict ?? '', 'Contents') ?? -1)?.stream ?? '';
    const lines: string[] = [];
    let font = new Map<number, string>();
    for (const bt of content.matchAll(/BT\n([\s\S]*?)\nET/g)) {
      let line = '';
      for (const op of (bt[1] ?? '').matchAll(/\/(\w+) [\d.]+ Tf|\[(.*?)\] TJ|<([0-9a-f]*)> Tj/g)) {
        if (op[1] !== undefined) font = fonts.get(op[1]) ?? new Map();
        // A justified line's words are apart by a move to the right (a negative number), not a space.
        const parts = op[2] !== undefined ? [...op[2].matchAll(/<([0-9a-f]*)>|(-?[\d.]+)/g)] : [[op[3], op[3]]];
        for (const [, hex, move] of parts) {
          if (move !== undefined && Number(move) < -100 && !line.endsWith(' ')) line += ' ';
          for (let i = 0; hex !== undefined && i + 4 <= hex.length; i += 4)
            line += font.get(parseInt(hex.slice(i, i + 4), 16)) ?? '';
        }
      }
      lines.push(line);
    }
    return lines.join('\n');
  });
  const trailerInfo = /\/Info (\d+) 0 R/.exec(pdf.slice(pdf.lastIndexOf('trailer')));
  const info = trailerInfo === null ? '' : (objects.get(Number(trailerInfo[1]))?.dict ?? '');
  return { pages, text: pages.join('\n'), info };
}
