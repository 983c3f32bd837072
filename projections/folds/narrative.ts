import { z } from 'zod';
import { NARRATIVE_RULES } from '../../domain/narrative/rules.ts';
import {
  DocumentKind,
  NarrativeSections,
  Signer,
  narrativeStream,
  type NarrativeEvent,
} from '../../domain/narrative/narrative.ts';
import {
  capabilityProjection,
  keptDocuments,
  type Envelope,
  type FoldTarget,
  type Kept,
  type Stamp,
  Versioned,
} from '../capability.ts';

/** One version of a narrative, where the log holds it. */
export const NarrativeVersion = z.object({
  version: z.number().int(),
  position: z.number().int().describe('the log position it was written at'),
  writtenAt: z.string(),
  sections: NarrativeSections,
  number: z.string().optional(),
  signer: Signer.optional(),
});
export type NarrativeVersion = z.infer<typeof NarrativeVersion>;

/** A document's narrative with every version written, the last one current. */
export const NarrativeView = z
  .object({
    organiser: z.string(),
    year: z.number().int(),
    document: DocumentKind,
    unit: z.string().nullable(),
    versions: z.array(NarrativeVersion).describe('every version, oldest first; the last is the current one'),
    ...Versioned,
  })
  .meta({ id: 'ReportNarrative' });
export type NarrativeView = z.infer<typeof NarrativeView> & Kept;

const slices = {
  /**
   * By stream name (narrativeStream). Not in campaign snapshots: a document drawn at a past
   * position takes the version written by then from the versions kept here (narrativeAt).
   */
  narratives: keptDocuments<NarrativeView>()(17),
};

/** The version a document printed at `position` carries: the last written at or before it. */
export function narrativeAt(n: NarrativeView | undefined, position: number): NarrativeVersion | undefined {
  if (n === undefined) return undefined;
  let at: NarrativeVersion | undefined;
  for (const v of n.versions) if (v.position <= position) at = v;
  return at;
}

export function foldNarrative(c: FoldTarget<typeof slices>, e: NarrativeEvent, at: Envelope, v: Stamp): void {
  const { organiser, year, document, unit, version, sections, number, signer } = e.data;
  const key = narrativeStream(e.data);
  const before = c.narratives.get(key);
  const written: NarrativeVersion = {
    version,
    position: at.position,
    writtenAt: at.recordedAt,
    sections,
    ...(number !== undefined ? { number } : {}),
    ...(signer !== undefined ? { signer } : {}),
  };
  c.narratives.set(key, {
    organiser,
    year,
    document,
    unit,
    versions: [...(before?.versions ?? []), written],
    revision: v.revision,
    updatedAt: v.updatedAt,
    lastPosition: v.lastPosition,
  });
}

export const narrativeProjection = capabilityProjection<NarrativeEvent>()({
  name: 'narrative',
  slices,
  rules: NARRATIVE_RULES,
  events: ['ReportNarrativeWritten'],
  fold: foldNarrative,
  campaignStreams: (code, year) => [`narrative-${code}-${year}-`],
});
