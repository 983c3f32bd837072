import { z } from 'zod';
import {
  NominateExemplaryCoop,
  NominationStatus,
  nominationsStream,
  type NominationEvent,
} from '../../domain/nomination/nomination.ts';
import { NOMINATION_RULES } from '../../domain/nomination/rules.ts';
import { ProvinceAsRecorded, TakeoverView, asRecorded } from '../../domain/shared/takeover.ts';
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

/** A nomination with each step it took. */
export const NominationView = NominateExemplaryCoop.extend({
  ...InCampaign,
  status: NominationStatus,
  history: z.array(z.object({ status: NominationStatus, on: z.string() })),
  takenOver: TakeoverView.optional().describe(
    'the successor province that took the nomination over, when and under which decision',
  ),
  ...Versioned,
  ...Positioned,
});
export type NominationView = z.infer<typeof NominationView> & Kept;
/** A nomination as served: with the province it was recorded under, named as on the day it was made. */
export const NominationItem = NominationView.extend({ province: ProvinceAsRecorded }).meta({ id: 'Nomination' });
export const nominationItem = (n: NominationView): z.infer<typeof NominationItem> & Kept => ({
  ...n,
  province: asRecorded(n.organiser, n.nominatedOn),
});
import { bump, creditKey, statusKey } from '../series.ts';

const slices = { nominations: campaignRecords<NominationView>()(10, 'nominationId') };

/** Nominations of exemplary cooperatives and each step they take. */
export function foldNomination(c: FoldTarget<typeof slices>, e: NominationEvent, at: Envelope, v: Stamp): void {
  switch (e.type) {
    case 'ExemplaryCoopNominated': {
      const r = recordsOf(c, e.data.organiser, e.data.year);
      r.nominationsRevision = at.revision;
      bump(r.series, 'nominations', e.data.nominatedOn, 1);
      bump(r.series, creditKey(undefined, 'nominations'), e.data.nominatedOn, 1);
      bump(r.series, statusKey('nom', 'nominated'), e.data.nominatedOn, 1);
      c.nominations.set(e.data.nominationId, {
        ...e.data,
        ...v,
        status: 'nominated',
        history: [{ status: 'nominated', on: e.data.nominatedOn }],
        position: at.position,
      });
      return;
    }
    case 'NominationTakenOver': {
      const r = recordsOf(c, e.data.organiser, e.data.year);
      r.nominationsRevision = at.revision;
      const n = c.nominations.get(e.data.nominationId);
      const { organiser: _o, year: _y, nominationId: _n, cooperativeId: _c, ...takenOver } = e.data;
      if (n) c.nominations.set(n.nominationId, { ...n, ...v, takenOver });
      return;
    }
    case 'NominationShortlisted':
    case 'NominationForwarded':
    case 'NominationHonoured':
    case 'NominationDeclined':
    case 'NominationWithdrawn': {
      const r = recordsOf(c, e.data.organiser, e.data.year);
      r.nominationsRevision = at.revision;
      const n = c.nominations.get(e.data.nominationId);
      if (!n) return;
      const [status, on] = nominationStep(e);
      bump(r.series, statusKey('nom', n.status), n.nominatedOn, -1);
      bump(r.series, statusKey('nom', status), n.nominatedOn, 1);
      const wasActive = n.status !== 'declined' && n.status !== 'withdrawn';
      if (wasActive && (status === 'declined' || status === 'withdrawn')) {
        bump(r.series, 'nominations', n.nominatedOn, -1);
        bump(r.series, creditKey(undefined, 'nominations'), n.nominatedOn, -1);
      }
      c.nominations.set(n.nominationId, { ...n, ...v, status, history: [...n.history, { status, on }] });
      return;
    }
  }
}

function nominationStep(e: Exclude<NominationEvent, { type: 'NominationTakenOver' }>): [NominationStatus, string] {
  switch (e.type) {
    case 'NominationShortlisted':
      return ['shortlisted', e.data.shortlistedOn];
    case 'NominationForwarded':
      return ['forwarded', e.data.forwardedOn];
    case 'NominationHonoured':
      return ['honoured', e.data.awardedOn];
    case 'NominationDeclined':
      return ['declined', e.data.declinedOn];
    case 'NominationWithdrawn':
      return ['withdrawn', e.data.withdrawnOn];
    default:
      return ['nominated', e.data.nominatedOn];
  }
}

export const nominationProjection = capabilityProjection<NominationEvent>()({
  name: 'nomination',
  slices,
  rules: NOMINATION_RULES,
  events: [
    'ExemplaryCoopNominated',
    'NominationShortlisted',
    'NominationForwarded',
    'NominationHonoured',
    'NominationDeclined',
    'NominationWithdrawn',
    'NominationTakenOver',
  ],
  fold: foldNomination,
  ledgerStreams: (code, year) => [nominationsStream(code, year)],
});
