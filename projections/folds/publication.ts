import type { PublicationEvent } from '../../domain/publication/publication.ts';
import { recordsOf, type Catalog, type Envelope, type Stamp } from '../catalog.ts';
import { publicationSeries } from '../series.ts';

/** Publications: bulletins, press, radio and television, websites. */
export function foldPublication(c: Catalog, e: PublicationEvent, at: Envelope, v: Stamp): void {
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
