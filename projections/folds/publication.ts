import { z } from 'zod';
import { RecordPublication, publicationStream, type PublicationEvent } from '../../domain/publication/publication.ts';
import { PUBLICATION_RULES } from '../../domain/publication/rules.ts';
import {
  campaignRecords,
  capabilityProjection,
  type Envelope,
  type FoldTarget,
  InCampaign,
  type Kept,
  Positioned,
  recordsOf,
  type Stamp,
  Versioned,
} from '../capability.ts';

/** A publication as kept. */
export const PublicationView = RecordPublication.extend({
  ...InCampaign,
  status: z.enum(['recorded', 'retracted']),
  ...Versioned,
  ...Positioned,
});
export type PublicationView = z.infer<typeof PublicationView> & Kept;
/**
 * A publication as served: also those recorded as meetings of a publication format before publications had
 * their own command.
 */
export const PublicationItem = PublicationView.extend({
  recordedAs: z
    .enum(['publication', 'outreach-meeting'])
    .describe(
      'outreach-meeting: recorded as a meeting of a publication format before publications had their own command',
    ),
}).meta({ id: 'Publication' });
import { publicationSeries } from '../series.ts';

const slices = {
  publications: campaignRecords<PublicationView>()(4, 'publicationId', {
    stream: (p) => publicationStream(p.organiser, p.year, p.publicationId),
  }),
};

/** Publications: bulletins, press, radio and television, websites. */
export function foldPublication(c: FoldTarget<typeof slices>, e: PublicationEvent, at: Envelope, v: Stamp): void {
  switch (e.type) {
    case 'PublicationRecorded': {
      const d = e.data;
      c.publications.set(d.publicationId, { ...d, ...v, status: 'recorded', position: at.position });
      publicationSeries(recordsOf(c, d.organiser, d.year).series, d, 1);
      return;
    }
    case 'PublicationRetracted': {
      const p = c.publications.get(e.data.publicationId);
      if (!p || p.status !== 'recorded') return;
      c.publications.set(p.publicationId, { ...p, ...v, status: 'retracted' });
      publicationSeries(recordsOf(c, p.organiser, p.year).series, p, -1);
      return;
    }
  }
}

export const publicationProjection = capabilityProjection<PublicationEvent>()({
  name: 'publication',
  slices,
  rules: PUBLICATION_RULES,
  events: ['PublicationRecorded', 'PublicationRetracted'],
  fold: foldPublication,
  campaignStreams: (code, year) => [`publication-${code}-${year}-`],
});
