import Database from 'better-sqlite3';
import type { Database as Db, Statement } from 'better-sqlite3';
import { shellCatalog } from './catalog-storage.ts';
import { z } from 'zod';
import { randomUUID } from 'node:crypto';
import { constants as zlib, deflateRawSync, inflateRawSync } from 'node:zlib';
import {
  CATALOG_KINDS,
  campaignKey,
  isCampaignKind,
  loadDocument,
  type Catalog,
  type CatalogKind,
} from '../../projections/catalog.ts';
import { KeptDocuments, SqliteDocumentKeeper, cooperativesNamed } from './kept-documents.ts';
import { DocumentCodec } from './document-codec.ts';
import { ID_FIELD, KIND_CODE, idKey, idText, kindOf, type RowValues } from './document-rows.ts';
import { parseSnapshot, type SnapshotStore, type StoredSnapshot } from './snapshots.ts';

const NAME = 'catalog';

/**
 * The document, reference and snapshot tables, under the given names (`_next` while a rebuild
 * writes them), and their indexes apart: a rebuild run offline fills the tables first and indexes
 * them after, a sort each instead of a random insert per row. A campaign's documents are found by
 * campaign in the order recorded, and the documents naming a cooperative by the reference table.
 * Index names carry a random tag: a rebuild's new tables are renamed into place, and their indexes
 * keep the names they were made with.
 */
function tableSql(suffix: string): { tables: string; indexes: string } {
  const tag = randomUUID().slice(0, 8);
  return {
    // A rowid table with a separate key: documents are hundreds of bytes, too large for a WITHOUT ROWID tree.
    // Kinds are numbers, ids 16 bytes or text (document-rows.ts).
    tables: `CREATE TABLE documents${suffix}
            (kind INTEGER NOT NULL, id ANY NOT NULL, campaign TEXT, position INTEGER, json TEXT NOT NULL) STRICT;
          CREATE TABLE document_refs${suffix}
            (kind INTEGER NOT NULL, id ANY NOT NULL, cooperative ANY NOT NULL, PRIMARY KEY (kind, id, cooperative))
            STRICT, WITHOUT ROWID;
          CREATE TABLE snapshots${suffix}
            (campaign TEXT NOT NULL, position INTEGER NOT NULL, version INTEGER NOT NULL, data BLOB NOT NULL,
             PRIMARY KEY (campaign, position)) STRICT;`,
    indexes: `CREATE UNIQUE INDEX documents_key_${tag} ON documents${suffix} (kind, id);
          CREATE INDEX documents_by_campaign_${tag} ON documents${suffix} (campaign, position, kind, id)
            WHERE campaign IS NOT NULL;
          CREATE INDEX document_refs_by_cooperative_${tag} ON document_refs${suffix} (cooperative, kind);`,
  };
}
const TABLES = ['documents', 'document_refs', 'snapshots'];
/**
 * Layout of readmodels.sqlite; bump it when the tables or what the fold makes of events change
 * (the file is then refolded). 3: publications apart from meetings. 4: campaign documents found
 * by campaign and by cooperative (read on demand). 5: the campaign index covers kind and id (a
 * campaign's index is read from the index alone: 26,000 ids in milliseconds, not a table lookup each).
 * 6: campaign snapshots deflated. 7: documents kept without their field names (document-codec.ts).
 * 8: kinds as numbers, UUIDs as 16 bytes, and no document repeats its row's values (document-rows.ts).
 * 9: campaign snapshots hold their documents by kind (snapshot format 4): refolding writes them
 * anew for every campaign, so time travel keeps starting from a snapshot after the upgrade.
 * 10: meetings by commune keyed by the commune the place names (its id on its map), not by its text.
 */
const READ_MODEL_LAYOUT = 10;

/**
 * What a document's row holds besides its text: its campaign and the position that created it
 * (campaign kinds only), and so the values its text may leave out.
 */
function rowOf(
  kind: CatalogKind,
  id: string,
  doc: unknown,
): [campaign: string | null, position: number | null, values: RowValues | undefined] {
  if (!isCampaignKind(kind)) return [null, null, undefined];
  const d = doc as { organiser: string; year: number; position: number };
  const values = { organiser: d.organiser, year: d.year, position: d.position, id, idField: ID_FIELD[kind] };
  return [campaignKey(d.organiser, d.year), d.position, values];
}

const KEPT_IN_MEMORY = CATALOG_KINDS.filter((k) => !isCampaignKind(k));
const SnapshotRow = z.object({
  campaign: z.string(),
  position: z.number().int(),
  version: z.number().int(),
  data: z.instanceof(Buffer),
});

/**
 * Campaign snapshots are kept deflated: megabytes of JSON each (a campaign's ledgers), written once
 * every few thousand of its events and read by time travel only; about eight times smaller.
 */
const packSnapshot = (json: string): Buffer => deflateRawSync(json, { level: zlib.Z_BEST_SPEED });
const unpackSnapshot = (data: Buffer): string => inflateRawSync(data).toString('utf8');
/** A snapshot as the file keeps it: a rebuild packs each as it is taken, so that they do not pile up as text. */
export interface PackedSnapshot {
  campaign: string;
  position: number;
  version: number;
  data: Buffer;
}
export const pack = ({ json, ...rest }: StoredSnapshot): PackedSnapshot => ({ ...rest, data: packSnapshot(json) });
const VersionRow = z.object({ campaign: z.string(), version: z.number().int() });

/**
 * Where the read models are kept between runs: one SQLite file of documents and the checkpoint
 * (position of the last event folded into them). Documents and checkpoint are written in one
 * transaction, so after a crash the read models are exactly those of the checkpoint and the
 * events after it are folded again: each event counts once.
 */
export class ReadModelStore implements SnapshotStore {
  private readonly upsert: Statement<[number, string | Buffer, string | null, number | null, string]>;
  private readonly remove: Statement<[number, string | Buffer]>;
  private readonly removeRefs: Statement<[number, string | Buffer]>;
  private readonly addRef: Statement<[number, string | Buffer, string | Buffer]>;
  private readonly setCheckpoint: Statement<[string, number]>;
  // Statements name their tables, so they keep working after a rebuild swaps the tables in.
  private readonly latestSnapshot: Statement<[string, number]>;
  private readonly putSnapshot: Statement<[string, number, number, Buffer]>;
  private readonly snapshotVersions: Statement<[]>;
  private readonly codec: DocumentCodec;

  constructor(private readonly db: Db) {
    // Derived data: a file of another layout is emptied and refolded from the log, never migrated.
    if (db.pragma('user_version', { simple: true }) !== READ_MODEL_LAYOUT) {
      db.transaction(() => {
        db.exec([...TABLES, 'checkpoints', 'shapes'].map((t) => `DROP TABLE IF EXISTS ${t};`).join(' '));
        const { tables, indexes } = tableSql('');
        db.exec(`${tables} ${indexes}
                 CREATE TABLE checkpoints (name TEXT PRIMARY KEY, position INTEGER NOT NULL) STRICT;`);
        db.pragma(`user_version = ${READ_MODEL_LAYOUT}`);
      }).immediate();
    }
    // What a rebuild stopped halfway left behind.
    db.exec(TABLES.flatMap((t) => [`DROP TABLE IF EXISTS ${t}_next;`, `DROP TABLE IF EXISTS ${t}_old;`]).join(' '));
    this.upsert = db.prepare(
      'INSERT INTO documents (kind, id, campaign, position, json) VALUES (?, ?, ?, ?, ?) ' +
        'ON CONFLICT (kind, id) DO UPDATE SET ' +
        'json = excluded.json, campaign = excluded.campaign, position = excluded.position',
    );
    this.remove = db.prepare('DELETE FROM documents WHERE kind = ? AND id = ?');
    this.removeRefs = db.prepare('DELETE FROM document_refs WHERE kind = ? AND id = ?');
    this.addRef = db.prepare('INSERT OR IGNORE INTO document_refs (kind, id, cooperative) VALUES (?, ?, ?)');
    this.setCheckpoint = db.prepare(
      'INSERT INTO checkpoints (name, position) VALUES (?, ?) ' +
        'ON CONFLICT (name) DO UPDATE SET position = excluded.position',
    );
    this.latestSnapshot = db.prepare(
      'SELECT campaign, position, version, data FROM snapshots ' +
        'WHERE campaign = ? AND position <= ? ORDER BY position DESC LIMIT 1',
    );
    this.putSnapshot = db.prepare(
      'INSERT OR REPLACE INTO snapshots (campaign, position, version, data) VALUES (?, ?, ?, ?)',
    );
    this.snapshotVersions = db.prepare('SELECT campaign, MAX(version) AS version FROM snapshots GROUP BY campaign');
    this.codec = new DocumentCodec(db);
  }

  /**
   * Opens the file. `exclusive` keeps other processes out while the service owns it (a rebuild
   * from the command line then tells the operator to stop the service or use the admin route).
   */
  static open(path: string, options: { exclusive?: boolean } = {}): ReadModelStore {
    const db = new Database(path);
    db.pragma('busy_timeout = 2000');
    if (path !== ':memory:') db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    if (options.exclusive) db.pragma('locking_mode = EXCLUSIVE');
    return new ReadModelStore(db);
  }

  checkpoint(): number {
    const row = this.db.prepare('SELECT position FROM checkpoints WHERE name = ?').get(NAME) as
      { position: number } | undefined;
    return row?.position ?? 0;
  }

  /** A catalog loaded at start-up (`openReadModels` checks the file by loading it), kept for the projector. */
  private preloaded: Catalog | null = null;

  /** Loads the read models and keeps them for `takeLoaded`, so that start-up reads the file once. */
  preload(): void {
    this.preloaded = this.load();
  }

  /** The catalog `preload` read, handed over once (then forgotten here), or a fresh load. */
  takeLoaded(): Catalog {
    const c = this.preloaded ?? this.load();
    this.preloaded = null;
    return c;
  }

  /**
   * The saved catalog, or an empty one. The campaign documents (nearly all of a large log) stay in
   * the file and are read on demand (kept-documents.ts); the other kinds are loaded, in the order saved.
   */
  load(): Catalog {
    // Every kind on file must be one of the catalog's (a file that is not ours is folded again):
    // the distinct kinds, one index step each.
    const kinds = this.db
      .prepare<[], number | null>(
        `WITH RECURSIVE k(kind) AS (SELECT MIN(kind) FROM documents
      UNION ALL SELECT (SELECT MIN(kind) FROM documents WHERE kind > k.kind) FROM k WHERE k.kind IS NOT NULL)
      SELECT kind FROM k`,
      )
      .pluck();
    for (const code of kinds.all())
      if (code !== null && kindOf(code) === undefined)
        throw new Error(`readmodels.sqlite holds documents of kind ${code}`);
    const c = shellCatalog({ keeper: new SqliteDocumentKeeper(this.db, this.codec) });
    // Pages of raw rows by rowid. The STRICT table guarantees the json is text (and the id text or bytes).
    const page = this.db
      .prepare<[number, number], [number, string | Buffer, string]>(
        'SELECT rowid, id, json FROM documents WHERE kind = ? AND rowid > ? ORDER BY rowid LIMIT 5000',
      )
      .raw(true);
    for (const kind of KEPT_IN_MEMORY) {
      for (let last = 0; ;) {
        const rows = page.all(KIND_CODE[kind], last);
        for (const [, id, json] of rows) loadDocument(c, kind, idText(id), this.codec.decode(json));
        const end = rows[rows.length - 1];
        if (end === undefined) break;
        last = end[0];
      }
    }
    c.position = this.checkpoint();
    return c;
  }

  /**
   * Writes one document as `text` in its row (or its removal) with the cooperatives it names;
   * `isNew` when it was not on file before (it has no references to replace).
   */
  private write(
    kind: CatalogKind,
    id: string,
    doc: unknown,
    row: ReturnType<typeof rowOf> | undefined,
    text: string | undefined,
    isNew: boolean,
  ): void {
    const [code, key] = [KIND_CODE[kind], idKey(id)];
    if (isCampaignKind(kind) && !isNew) this.removeRefs.run(code, key);
    if (doc === undefined || row === undefined || text === undefined) {
      this.remove.run(code, key);
      return;
    }
    const [campaign, position] = row;
    this.upsert.run(code, key, campaign, position, text);
    if (isCampaignKind(kind))
      for (const cooperative of cooperativesNamed(doc)) this.addRef.run(code, key, idKey(cooperative));
  }

  /**
   * Writes the changed documents and the checkpoint in one transaction, all or nothing, in
   * slices: the event loop gets a turn every `slice` documents, so that saving a busy second's thousands
   * of documents does not hold every request up for tens of milliseconds. The caller must not
   * change the catalog until the returned promise settles (the projector pauses its fold).
   */
  async save(c: Catalog, beforeCommit?: () => void, slice = 250): Promise<void> {
    const changes = [...(c.dirty ?? [])].map((k) => {
      const sep = k.indexOf('\u0000');
      const kind = k.slice(0, sep) as CatalogKind;
      const id = k.slice(sep + 1);
      const doc = c[kind].get(id) as object | undefined;
      return { k, kind, id, doc, row: doc === undefined ? undefined : rowOf(kind, id, doc) };
    });
    // Encoded before the transaction: a document of a new shape adds its shape first (document-codec.ts).
    const present = changes.filter((x) => x.doc !== undefined);
    const encoded = this.codec.encodeAll(
      present.map((x) => x.doc as object),
      present.map((x) => x.row?.[2]),
    );
    const texts = new Map(encoded.map((t, i) => [present[i], t]));
    const keys = changes.map((x) => x.k);
    const turn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));
    this.db.exec('BEGIN IMMEDIATE');
    try {
      for (let i = 0; i < changes.length; i++) {
        const x = changes[i] as (typeof changes)[number];
        const map = c[x.kind] as unknown;
        this.write(x.kind, x.id, x.doc, x.row, texts.get(x), map instanceof KeptDocuments && map.isNew(x.id));
        if (i % slice === slice - 1) await turn();
      }
      this.setCheckpoint.run(NAME, c.position);
      beforeCommit?.();
      this.db.exec('COMMIT');
    } catch (err) {
      if (this.db.inTransaction) this.db.exec('ROLLBACK');
      throw err;
    }
    for (const k of keys) {
      c.dirty?.delete(k);
      // On file now: a document kept there may leave memory.
      const sep = k.indexOf('\u0000');
      const map = c[k.slice(0, sep) as CatalogKind] as unknown;
      if (map instanceof KeptDocuments) map.saved(k.slice(sep + 1));
    }
  }

  /**
   * Replaces everything with a freshly folded catalog and its snapshots (a rebuild). They are
   * written into new tables a few thousand rows per transaction, giving the event loop a turn in
   * between, so the service keeps answering while hundreds of megabytes are written; then one
   * short transaction swaps the tables and sets the checkpoint. A crash before the swap leaves
   * the old read models whole. The old tables are emptied the same way afterwards.
   *
   * `bulk`: a rebuild with the service stopped (`projections:rebuild`), where nothing waits for the
   * event loop and nothing reads the old read models. They are dropped first, so the file does not
   * hold both (their pages are reused), and the file is marked unfinished (layout 0) until the last
   * transaction: a crash halfway leaves a file the next start empties and folds again. The tables are
   * indexed after they are filled, one sort per index instead of a random insert per row.
   */
  async replace(c: Catalog, snapshots: readonly PackedSnapshot[], options: { bulk?: boolean } = {}): Promise<void> {
    if (options.bulk === true) {
      const fresh = tableSql('');
      this.db
        .transaction(() => {
          this.db.pragma('user_version = 0');
          this.db.exec(`${TABLES.map((t) => `DROP TABLE IF EXISTS ${t};`).join(' ')} ${fresh.tables}`);
        })
        .immediate();
      for (const _ of this.fill('', c, snapshots, 20_000));
      this.db.exec(fresh.indexes);
      this.db
        .transaction(() => {
          this.setCheckpoint.run(NAME, c.position);
          this.db.pragma(`user_version = ${READ_MODEL_LAYOUT}`);
        })
        .immediate();
      c.dirty?.clear();
      return;
    }
    const turn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));
    const next = tableSql('_next');
    this.db.exec(`${TABLES.map((t) => `DROP TABLE IF EXISTS ${t}_next;`).join(' ')} ${next.tables} ${next.indexes}`);
    for (const _ of this.fill('_next', c, snapshots, 2000)) await turn();
    this.db
      .transaction(() => {
        this.db.exec(
          TABLES.map((t) => `ALTER TABLE ${t} RENAME TO ${t}_old; ALTER TABLE ${t}_next RENAME TO ${t};`).join(' '),
        );
        this.setCheckpoint.run(NAME, c.position);
      })
      .immediate();
    c.dirty?.clear();
    for (const old of TABLES.map((t) => `${t}_old`)) {
      // document_refs has no rowid: its rows go by key.
      const key = old === 'document_refs_old' ? 'kind, id, cooperative' : 'rowid';
      const chunk = this.db.prepare(`DELETE FROM ${old} WHERE (${key}) IN (SELECT ${key} FROM ${old} LIMIT 2000)`);
      while (chunk.run().changes > 0) await turn();
      this.db.exec(`DROP TABLE ${old}`);
    }
  }

  /**
   * Writes a catalog's documents, their references and the snapshots into the tables of `suffix`,
   * `slice` documents (or one snapshot) per transaction; yields after each, where the caller may
   * give the event loop a turn.
   */
  private *fill(
    suffix: string,
    c: Catalog,
    snapshots: readonly PackedSnapshot[],
    slice: number,
  ): Generator<void, void, undefined> {
    const insertDoc = this.db.prepare(
      `INSERT INTO documents${suffix} (kind, id, campaign, position, json) VALUES (?, ?, ?, ?, ?)`,
    );
    const insertRef = this.db.prepare(
      `INSERT OR IGNORE INTO document_refs${suffix} (kind, id, cooperative) VALUES (?, ?, ?)`,
    );
    const insertSnapshot = this.db.prepare(
      `INSERT OR REPLACE INTO snapshots${suffix} (campaign, position, version, data) VALUES (?, ?, ?, ?)`,
    );
    type Placed = ReturnType<typeof rowOf>;
    const insertRows = this.db.transaction(
      (rows: [CatalogKind, string, object][], placed: Placed[], texts: string[]) => {
        rows.forEach(([kind, id, doc], i) => {
          const [campaign, position] = placed[i] as Placed;
          const [code, key] = [KIND_CODE[kind], idKey(id)];
          insertDoc.run(code, key, campaign, position, texts[i] as string);
          if (campaign !== null)
            for (const cooperative of cooperativesNamed(doc)) insertRef.run(code, key, idKey(cooperative));
        });
      },
    );
    // Encoded before each transaction: a document of a new shape adds its shape first (document-codec.ts).
    const writeDocs = (rows: [CatalogKind, string, object][]): void => {
      const placed = rows.map(([kind, id, doc]) => rowOf(kind, id, doc));
      const texts = this.codec.encodeAll(
        rows.map((r) => r[2]),
        placed.map((p) => p[2]),
      );
      insertRows(rows, placed, texts);
    };
    let rows: [CatalogKind, string, object][] = [];
    for (const kind of CATALOG_KINDS) {
      for (const [id, doc] of c[kind] as Map<string, object>) {
        rows.push([kind, id, doc]);
        if (rows.length === slice) {
          writeDocs(rows);
          rows = [];
          yield;
        }
      }
    }
    writeDocs(rows);
    for (const s of snapshots) {
      insertSnapshot.run(s.campaign, s.position, s.version, s.data);
      yield;
    }
  }

  // Campaign snapshots (see snapshots.ts). They are a function of the log alone, so they need not
  // share the checkpoint's transaction: one taken at a position past the checkpoint stays true.
  latest(campaign: string, position: number): StoredSnapshot | undefined {
    const row: unknown = this.latestSnapshot.get(campaign, position);
    if (row === undefined) return undefined;
    const { data, ...rest } = SnapshotRow.parse(row);
    return { ...rest, json: unpackSnapshot(data) };
  }

  put(s: StoredSnapshot): void {
    this.putSnapshot.run(s.campaign, s.position, s.version, packSnapshot(s.json));
  }

  replaceAll(all: readonly StoredSnapshot[]): void {
    this.db
      .transaction(() => {
        this.db.exec('DELETE FROM snapshots');
        for (const s of all) this.put(s);
      })
      .immediate();
  }

  versions(): Map<string, number> {
    return new Map(
      this.snapshotVersions.all().map((r) => {
        const row = VersionRow.parse(r);
        return [row.campaign, row.version];
      }),
    );
  }

  close(): void {
    this.db.close();
  }
}
