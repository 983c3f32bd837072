import type { Database as Db, Statement } from 'better-sqlite3';
import { z } from 'zod';

/**
 * Documents as `readmodels.sqlite` keeps them: JSON without their field names. The documents of a
 * kind come in a handful of shapes (the same fields in the same order: a meeting with or without a
 * title, …), so a row holds `[shape, value, value, …]` and each shape's field names are kept once, in
 * the `shapes` table. A meeting's 430 bytes of JSON become about 200: its 19 field names were more
 * than half of it. Reading one back gives the same object as `JSON.parse` of its JSON: the same
 * fields in the same order (fields holding `undefined` are left out, as JSON leaves them out).
 *
 * Shapes are added in a transaction of their own, committed before any document that uses them is
 * written (`encodeAll`), so a document on file never names a shape that a rolled-back transaction
 * took with it. Shapes are never removed: a rebuild keeps them.
 */
export class DocumentCodec {
  /** The shapes on file as a tree of field names: a document finds its shape by walking its own fields. */
  private readonly root: ShapeNode = { next: new Map() };
  private readonly fields: (readonly string[])[] = [];
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
      const names = FieldList.parse(JSON.parse(fields));
      let node = this.root;
      for (const name of names) {
        let next = node.next.get(name);
        if (next === undefined) node.next.set(name, (next = { next: new Map() }));
        node = next;
      }
      node.id = id;
      this.fields[id] = names;
    }
  }

  /** The shape of `doc` on file (the fields JSON would write, in order), or undefined. */
  private shapeOf(doc: object): number | undefined {
    let node: ShapeNode | undefined = this.root;
    for (const k in doc) {
      if (!Object.hasOwn(doc, k)) continue;
      const v = (doc as Record<string, unknown>)[k];
      if (v === undefined || typeof v === 'function') continue;
      node = node.next.get(k);
      if (node === undefined) return undefined;
    }
    return node.id;
  }

  /**
   * The texts kept for `docs`, in order. Shapes not on file yet are added first, in a transaction of
   * their own: call it before the transaction that writes the texts (not inside one, where a shape
   * could be rolled back while this codec goes on using it).
   */
  encodeAll(docs: readonly object[]): string[] {
    const texts: string[] = [];
    for (const doc of docs) {
      let id = this.shapeOf(doc);
      if (id === undefined) {
        this.add(doc);
        id = this.shapeOf(doc) as number;
      }
      const row: unknown[] = [id];
      for (const k of this.fields[id] as readonly string[]) row.push((doc as Record<string, unknown>)[k]);
      texts.push(JSON.stringify(row));
    }
    return texts;
  }

  private add(doc: object): void {
    if (this.db.inTransaction) throw new Error('document shapes must be added outside a transaction');
    const names = Object.keys(doc).filter((k) => {
      const v = (doc as Record<string, unknown>)[k];
      return v !== undefined && typeof v !== 'function';
    });
    this.insert.run(JSON.stringify(names));
    this.reload();
  }

  /** The document a kept text stands for. */
  decode(text: string): unknown {
    const row: unknown = JSON.parse(text);
    if (!Array.isArray(row)) return row;
    const fields = this.fields[row[0] as number];
    if (fields === undefined) {
      this.reload();
      return this.decodeWith(row, this.fields[row[0] as number]);
    }
    return this.decodeWith(row, fields);
  }

  private decodeWith(row: unknown[], fields: readonly string[] | undefined): Record<string, unknown> {
    if (fields === undefined || fields.length !== row.length - 1)
      throw new Error(`a kept document names shape ${String(row[0])}, which is not on file`);
    const doc: Record<string, unknown> = {};
    for (let i = 0; i < fields.length; i++) doc[fields[i] as string] = row[i + 1];
    return doc;
  }
}

interface ShapeNode {
  id?: number;
  next: Map<string, ShapeNode>;
}
const ShapeRow = z.object({ id: z.number().int().nonnegative(), fields: z.string() });
const FieldList = z.array(z.string());
