import type { Database as Db, Statement } from 'better-sqlite3';
import { z } from 'zod';
import type { RowValues } from './document-rows.ts';

/**
 * Documents as `readmodels.sqlite` keeps them: JSON without their field names. The documents of a
 * kind come in a handful of shapes (the same fields in the same order: a meeting with or without a
 * title, …), so a row holds `[shape, value, value, …]` and each shape's field names are kept once, in
 * the `shapes` table. A meeting's 430 bytes of JSON become about 200: its 19 field names were more
 * than half of it. Reading one back gives the same object as `JSON.parse` of its JSON: the same
 * fields in the same order (fields holding `undefined` are left out, as JSON leaves them out).
 *
 * A document's text leaves out, too, the values its row's columns hold (`RowValues`: its campaign,
 * position and id): its shape marks those fields, and reading it back takes them from the row.
 *
 * Shapes are added in a transaction of their own, committed before any document that uses them is
 * written (`encodeAll`), so a document on file never names a shape that a rolled-back transaction
 * took with it. Shapes are never removed: a rebuild keeps them.
 */
export class DocumentCodec {
  /** The shapes on file as a tree of fields: a document finds its shape by walking its own fields. */
  private readonly root: ShapeNode = { next: new Map() };
  private readonly shapes: Shape[] = [];
  private readonly insert: Statement<[string]>;
  private readonly all: Statement<[], unknown>;

  constructor(private readonly db: Db) {
    db.exec('CREATE TABLE IF NOT EXISTS shapes (id INTEGER PRIMARY KEY, fields TEXT NOT NULL UNIQUE) STRICT');
    this.insert = db.prepare('INSERT OR IGNORE INTO shapes (fields) VALUES (?)');
    this.all = db.prepare('SELECT id, fields FROM shapes');
    this.reload();
  }

  /** Reads the shapes on file. */
  private reload(): void {
    for (const row of this.all.all()) {
      const { id, fields } = ShapeRow.parse(row);
      const entries = FieldList.parse(JSON.parse(fields));
      let node = this.root;
      for (const entry of entries) {
        const step = typeof entry === 'string' ? entry : stepOf(entry[0], entry[1]);
        let next = node.next.get(step);
        if (next === undefined) node.next.set(step, (next = { next: new Map() }));
        node = next;
      }
      node.id = id;
      this.shapes[id] = {
        names: entries.map((e) => (typeof e === 'string' ? e : e[0])),
        slots: entries.map((e) => (typeof e === 'string' ? null : e[1])),
        stored: entries.filter((e) => typeof e === 'string').length,
      };
    }
  }

  /** The fields JSON would write of `doc`, in order, each with the row value it equals (if any). */
  private *fieldsOf(doc: object, row: RowValues | undefined): Generator<[string, Slot | null]> {
    for (const k in doc) {
      if (!Object.hasOwn(doc, k)) continue;
      const v = (doc as Record<string, unknown>)[k];
      if (v === undefined || typeof v === 'function') continue;
      yield [k, slotOf(k, v, row)];
    }
  }

  /** The shape of `doc` on file, or undefined (the walk of `fieldsOf`, inlined: it runs for every document saved). */
  private shapeOf(doc: object, row: RowValues | undefined): number | undefined {
    let node: ShapeNode | undefined = this.root;
    for (const k in doc) {
      if (!Object.hasOwn(doc, k)) continue;
      const v = (doc as Record<string, unknown>)[k];
      if (v === undefined || typeof v === 'function') continue;
      const slot = slotOf(k, v, row);
      node = node.next.get(slot === null ? k : stepOf(k, slot));
      if (node === undefined) return undefined;
    }
    return node.id;
  }

  /**
   * The texts kept for `docs`, in order, each without the values of its row (`rows[i]`, when given).
   * Shapes not on file yet are added first, in a transaction of their own: call it before the
   * transaction that writes the texts (not inside one, where a shape could be rolled back while this
   * codec goes on using it).
   */
  encodeAll(docs: readonly object[], rows?: readonly (RowValues | undefined)[]): string[] {
    const texts: string[] = [];
    for (let i = 0; i < docs.length; i++) {
      const doc = docs[i] as Record<string, unknown>;
      const row = rows?.[i];
      let id = this.shapeOf(doc, row);
      if (id === undefined) {
        this.add(doc, row);
        id = this.shapeOf(doc, row) as number;
      }
      const shape = this.shapes[id] as Shape;
      const out: unknown[] = [id];
      for (let f = 0; f < shape.names.length; f++) if (shape.slots[f] === null) out.push(doc[shape.names[f] as string]);
      texts.push(JSON.stringify(out));
    }
    return texts;
  }

  private add(doc: object, row: RowValues | undefined): void {
    if (this.db.inTransaction) throw new Error('document shapes must be added outside a transaction');
    const entries = [...this.fieldsOf(doc, row)].map(([k, slot]) => (slot === null ? k : [k, slot]));
    this.insert.run(JSON.stringify(entries));
    this.reload();
  }

  /** The document a kept text stands for, with the values it left to its row. */
  decode(text: string, row?: RowValues): unknown {
    const values: unknown = JSON.parse(text);
    if (!Array.isArray(values)) return values;
    let shape = this.shapes[values[0] as number];
    if (shape === undefined) {
      this.reload();
      shape = this.shapes[values[0] as number];
    }
    if (shape === undefined || shape.stored !== values.length - 1)
      throw new Error(`a kept document names shape ${String(values[0])}, which is not on file`);
    const doc: Record<string, unknown> = {};
    for (let f = 0, v = 1; f < shape.names.length; f++) {
      const slot = shape.slots[f] as Slot | null;
      if (slot === null) doc[shape.names[f] as string] = values[v++];
      else if (row === undefined) throw new Error(`a kept document of shape ${String(values[0])} needs its row`);
      else doc[shape.names[f] as string] = row[slot];
    }
    return doc;
  }
}

/** The row values a field may be left to. */
const SLOTS = ['organiser', 'year', 'position', 'id'] as const;
type Slot = (typeof SLOTS)[number];

/**
 * Which row value a document field holds, if any: the campaign's, the position's, or the id in its id
 * field. Only values the row gives back exactly: a year and a position that are whole numbers (a
 * campaign column `organiser-year` splits at its last dash, and SQLite keeps integers as such).
 */
function slotOf(k: string, v: unknown, row: RowValues | undefined): Slot | null {
  if (row === undefined) return null;
  if (k === row.idField) return v === row.id ? 'id' : null;
  // The campaign column splits back into organiser and year only when the year is a whole number.
  const splits = Number.isSafeInteger(row.year) && row.year >= 0;
  if (k === 'organiser') return v === row.organiser && typeof v === 'string' && splits ? k : null;
  if (k === 'year') return v === row.year && splits ? k : null;
  if (k === 'position') return v === row.position && Number.isSafeInteger(v) ? k : null;
  return null;
}
const stepOf = (name: string, slot: Slot): string => `${name}\u0000${slot}`;

interface Shape {
  names: string[];
  /** Per field, the row value it is left to, or null when the text holds it. */
  slots: (Slot | null)[];
  /** How many values the text holds. */
  stored: number;
}

interface ShapeNode {
  id?: number;
  next: Map<string, ShapeNode>;
}
const ShapeRow = z.object({ id: z.number().int().nonnegative(), fields: z.string() });
const FieldList = z.array(z.union([z.string(), z.tuple([z.string(), z.enum(SLOTS)])]));
