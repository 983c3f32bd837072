import { recordedFor } from '../auth/claims.ts';
import type { EventFilter, EventStore, StoredEvent, Subscription } from '../eventstore/types.ts';

/** What a feed client wants: its filters, and where its messages go. */
export interface FeedClient {
  /** The last position the client has been sent (or skipped by its filters). */
  lastSent: number;
  filter: EventFilter;
  /** A province's events, with those of the pre-2025 provinces that became part of it. */
  province?: string;
  /** Writes one message; answers false when the client is too slow (it is then ended by the caller). */
  send(frame: string): boolean;
  /** Bytes written and not yet taken by the client. */
  backlog(): number;
  /** Resolves true once the client has taken what was written, false if it is ended meanwhile. */
  drained(): Promise<boolean>;
}

/** While catching up, a client is written to until this much waits for it, then awaited. */
const CATCH_UP_BACKLOG = 64 * 1024;

/** Whether an event passes a client's filters. */
export function wants(client: FeedClient, event: StoredEvent): boolean {
  const f = client.filter;
  if (f.types !== undefined && !f.types.includes(event.type)) return false;
  if (f.streamPrefixes !== undefined && !f.streamPrefixes.some((p) => event.stream.startsWith(p))) return false;
  if (client.province !== undefined && !recordedFor(event.metadata.province, client.province)) return false;
  return true;
}

/** One Server-Sent Events message for an event: made once, sent to every client that wants it. */
export const frameOf = (event: StoredEvent): string =>
  `id: ${event.position}\nevent: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`;

/** Events a client may hold back while it catches up, before it reads them from the log again instead. */
const PENDING_MAX = 10_000;

interface Member {
  client: FeedClient;
  live: boolean;
  /** Events the hub saw while the client was catching up (in order), unless too many. */
  pending: StoredEvent[];
  overflowed: boolean;
}

/**
 * The live feeds of one instance, fanned out from one subscription on the log: each new event is
 * read once and its message made once, whatever the number of clients (a subscription per client
 * would read the log once per client for every commit).
 *
 * A client joins in two steps, without gap or duplicate: it registers first — from then on the
 * hub keeps what it sees for the client — then reads the log from its position in pages until it
 * has caught up, then takes what the hub kept that is newer than what it has sent, and goes live.
 * Every event after the client's position is either in the log it read or among what the hub kept
 * (the hub's subscription never skips an event that commits late), and positions at or below what
 * was sent are never sent again. A client that falls too far behind while catching up reads the
 * log again instead of holding events.
 */
export class FeedHub {
  private readonly members = new Set<Member>();
  private subscription: Subscription | undefined;
  private started: Promise<void> | undefined;

  constructor(private readonly store: EventStore) {}

  get clients(): number {
    return this.members.size;
  }

  /** Starts the hub's subscription at the head, once. */
  private start(): Promise<void> {
    this.started ??= this.store.headPosition().then((head) => {
      this.subscription = this.store.subscribe({
        fromCheckpoint: head,
        batchSize: 500,
        handler: (event) => this.deliver(event),
      });
    });
    return this.started;
  }

  private deliver(event: StoredEvent): void {
    let frame: string | undefined;
    for (const m of this.members) {
      if (!m.live) {
        if (m.overflowed) continue;
        if (m.pending.length >= PENDING_MAX) {
          m.pending = [];
          m.overflowed = true;
        } else m.pending.push(event);
        continue;
      }
      if (event.position <= m.client.lastSent) continue;
      m.client.lastSent = event.position;
      if (!wants(m.client, event)) continue;
      frame ??= frameOf(event);
      if (!m.client.send(frame)) this.members.delete(m);
    }
  }

  /**
   * Adds a client: catches it up from `client.lastSent` through the log, then keeps it live.
   * Resolves once it is live (or stopped: `stopped()` true); the caller ends it with `leave`.
   */
  async join(client: FeedClient, stopped: () => boolean): Promise<void> {
    await this.start();
    const m: Member = { client, live: false, pending: [], overflowed: false };
    this.members.add(m);
    for (;;) {
      // The log after the client's position, a page at a time, until a page comes back short.
      for (;;) {
        if (stopped()) return;
        const page = await this.store.readAll({
          fromPosition: client.lastSent + 1,
          maxCount: 200,
          filter: client.filter,
        });
        for (const event of page) {
          if (stopped()) return;
          client.lastSent = event.position;
          if (!wants(client, event)) continue;
          if (!client.send(frameOf(event))) return;
          // Reading the log goes at the client's pace: a slow link is waited for, not cut off.
          if (client.backlog() > CATCH_UP_BACKLOG && !(await client.drained())) return;
        }
        if (page.length < 200) break;
      }
      if (!m.overflowed) break;
      // The hub dropped what it kept while this client read: read the log again from where it is.
      m.overflowed = false;
      m.pending = [];
    }
    // What the hub saw meanwhile, newer than what was sent; then live. No await from here on:
    // the hub cannot deliver in between.
    for (const event of m.pending) {
      if (event.position <= client.lastSent) continue;
      client.lastSent = event.position;
      if (!wants(client, event)) continue;
      if (!client.send(frameOf(event))) return;
    }
    m.pending = [];
    m.live = true;
  }

  leave(client: FeedClient): void {
    for (const m of this.members) if (m.client === client) this.members.delete(m);
  }

  async stop(): Promise<void> {
    this.members.clear();
    await this.subscription?.stop();
  }
}
