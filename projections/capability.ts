import { z } from 'zod';
import type { Catalog, Envelope, Stamp } from './catalog.ts';

/**
 * What each capability's projection module (folds/<capability>.ts) registers: the event types it
 * folds, its fold, and the streams one campaign's records of it live in. fold.ts folds every
 * event with the module that claims its type; time travel reads a campaign from the streams.
 * Each module also holds the zod schemas of its views: its documents in the catalog (types
 * inferred from them) and the answers the routes serve, which are those same schemas.
 */
export interface CapabilityProjection<E extends { type: string }> {
  events: readonly E['type'][];
  /** Method syntax on purpose: a module's fold of its own events registers as a fold of any event (fold.ts routes by type). */
  fold(c: Catalog, e: E, at: Envelope, v: Stamp): void;
  /** Stream names or prefixes of one campaign's (or its organiser's) records of this capability. */
  campaignStreams?: (code: string, year: number) => string[];
}

/** The stream revision a document lives at (its ETag) and when it last changed. */
export const Versioned = { revision: z.number().int(), updatedAt: z.string() };
/** The global position that created the document: lists are in this order, cursors name it. */
export const Positioned = { position: z.number().int() };
/** The year's records of one organiser. */
export const InCampaign = { organiser: z.string(), year: z.number().int() };

/** Kept with every document, not served: the position of the last event that changed it (time travel). */
export interface Kept {
  lastPosition?: number;
}
