/**
 * The durable floor of bench:commands: a bare fastify (the service's version) that parses the
 * JSON body, appends it to a SQLite log (WAL, `synchronous=FULL`, as the service's log), one
 * transaction for all requests of an event-loop turn, and answers 201 with the position once
 * that transaction has committed. What any durable JSON-over-HTTP write costs here: no
 * validation, no decision, no read models. Port as the first argument, the folder as the second.
 */
import Database from 'better-sqlite3';
import Fastify from 'fastify';
import { join } from 'node:path';

const db = new Database(join(process.argv[3] ?? '.', 'durable.sqlite'));
db.pragma('journal_mode = WAL');
db.pragma('synchronous = FULL');
db.exec(
  'CREATE TABLE IF NOT EXISTS events (position INTEGER PRIMARY KEY, stream TEXT NOT NULL, data TEXT NOT NULL) STRICT',
);
const insert = db.prepare<[string, string]>('INSERT INTO events (stream, data) VALUES (?, ?)');

type Waiting = { stream: string; data: string; done: (position: number) => void };
let queue: Waiting[] = [];
const commit = db.transaction((batch: Waiting[]) =>
  batch.map((w) => Number(insert.run(w.stream, w.data).lastInsertRowid)),
);
function flush(): void {
  const batch = queue;
  queue = [];
  const positions = commit(batch);
  batch.forEach((w, i) => w.done(positions[i] as number));
}

const app = Fastify({ logger: false });
app.post('/durable', (req, reply) => {
  if (queue.length === 0) setImmediate(flush);
  const body = req.body as { meetingId?: string };
  queue.push({
    stream: `outreach-${body.meetingId}`,
    data: JSON.stringify(body),
    done: (position) => void reply.code(201).send({ position }),
  });
});
await app.listen({ host: '127.0.0.1', port: Number(process.argv[2] ?? 0) });
process.send?.({ port: (app.server.address() as { port: number }).port });
process.on('SIGTERM', () => void app.close().then(() => (db.close(), process.exit(0))));
