import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  ForwardNomination,
  DeclineNomination,
  NominateExemplaryCoop,
  NominationStatus,
  RecordHonour,
  ShortlistNomination,
  TakeOverNomination,
  WithdrawNomination,
  nominationDecider,
  nominationsStream,
  type NominationCommand,
} from '../../../domain/nomination/nomination.ts';
import { campaignDocuments } from '../../../projections/catalog.ts';
import { NominationItem, nominationItem } from '../../../projections/folds/nomination.ts';
import { predecessorCodes } from '../../../domain/shared/units.ts';
import { IncludePredecessors, PageQuery, ReadQuery, Period, inPeriod, pageSchema } from '../schemas.ts';
import { keep, mapped, mergeInOrder } from '../paging.ts';
import type { Kit } from '../kit.ts';
import { commandRoute } from '../command-route.ts';
import { readRoute } from '../read-route.ts';
import { CampaignParams } from './campaigns.ts';
import { loadCampaignAndCooperative, ofCampaign } from './loaders.ts';

/** Nominations of exemplary cooperatives, from the province's nomination to the national honour. */
export const nominationRoutes: FastifyPluginAsyncZod<{ kit: Kit }> = async (app, { kit }) => {
  const base = '/provinces/:code/campaigns/:year';
  const nomination = (p: { code: string; year: number }, command: NominationCommand, cooperativeId?: string) => ({
    stream: nominationsStream(p.code, p.year),
    decider: nominationDecider,
    command,
    context: () => loadCampaignAndCooperative(kit.streams, p.code, p.year, cooperativeId),
  });
  const NomParams = CampaignParams.extend({ nominationId: z.uuid() });
  commandRoute(app, kit, {
    path: `${base}/nominations`,
    tags: ['nominations'],
    operationId: 'nominateExemplaryCoop',
    form: { title: 'Đề cử HTX tiêu biểu', ownId: 'nominationId' },
    summary: 'Nominate an exemplary cooperative (NominateExemplaryCoop)',
    params: CampaignParams,
    body: NominateExemplaryCoop,
    location: (p, b) => `/provinces/${p.code}/campaigns/${p.year}/nominations/${b.nominationId}`,
    plan: (p, b) => nomination(p, { type: 'NominateExemplaryCoop', ...b }, b.cooperativeId),
  });
  readRoute(app, kit, {
    path: `${base}/nominations`,
    tags: ['nominations'],
    operationId: 'listNominations',
    summary:
      'Nominations of a campaign, with those the province took over from a merged province in that year ' +
      '(include=predecessors: all of theirs)',
    params: CampaignParams,
    querystring: PageQuery.extend({ status: NominationStatus.optional(), include: IncludePredecessors }).extend(
      Period.shape,
    ),
    page: pageSchema(NominationItem, 'NominationPage'),
    paging: 'in-order',
    items: (c, p, q, after) =>
      mapped(
        keep(
          mergeInOrder(
            [p.code, ...predecessorCodes(p.code)].map((code) =>
              campaignDocuments(c, code, p.year, 'nominations', after),
            ),
          ),
          (n) =>
            (n.organiser === p.code || q.include === 'predecessors' || n.takenOver?.to === p.code) &&
            (q.status === undefined || n.status === q.status) &&
            inPeriod(q, n.nominatedOn),
        ),
        nominationItem,
      ),
  });
  readRoute(app, kit, {
    path: `${base}/nominations/:nominationId`,
    tags: ['nominations'],
    operationId: 'getNomination',
    summary: 'One nomination with its history',
    params: NomParams,
    querystring: ReadQuery,
    resource: NominationItem,
    answer: (c, p) => {
      const n = c.nominations.get(p.nominationId);
      const taken = n !== undefined && n.year === p.year && n.takenOver?.to === p.code ? n : undefined;
      const found = ofCampaign(n, p) ?? taken;
      return found === undefined ? undefined : nominationItem(found);
    },
    what: (p) => `nomination ${p.nominationId}`,
  });
  // Each step: its path, command, operation, body, summary and, where officials enter it on the page, its form.
  const steps = [
    [
      'shortlist',
      'ShortlistNomination',
      'shortlistNomination',
      ShortlistNomination,
      'Shortlist a nomination',
      'Chọn đề cử',
    ],
    [
      'forward',
      'ForwardNomination',
      'forwardNomination',
      ForwardNomination,
      'Forward to the national honoring conference',
      'Gửi đề cử lên Trung ương',
    ],
    ['honour', 'RecordHonour', 'recordHonour', RecordHonour, 'Record the honour awarded', 'Ghi khen thưởng, tôn vinh'],
    [
      'decline',
      'DeclineNomination',
      'declineNomination',
      DeclineNomination,
      'Decline a nomination',
      'Không chọn đề cử',
    ],
    ['withdraw', 'WithdrawNomination', 'withdrawNomination', WithdrawNomination, 'Withdraw a nomination', 'Rút đề cử'],
    [
      'takeover',
      'TakeOverNomination',
      'takeOverNomination',
      TakeOverNomination,
      'The successor takes over an open nomination of a merged province (the path names it as recorded, the body the successor)',
      'Tiếp nhận đề cử của tỉnh đã sáp nhập',
    ],
  ] as const;
  for (const [path, type, operationId, body, summary, form] of steps) {
    commandRoute(app, kit, {
      path: `${base}/nominations/:nominationId/${path}`,
      tags: ['nominations'],
      operationId,
      summary: `${summary} (${type})`,
      params: NomParams,
      body,
      // National honours of forwarded nominations are recorded by the national alliance.
      access: path === 'honour' ? 'honour' : 'write',
      ...(form !== null ? { form: { title: form } } : {}),
      plan: (p, b) => nomination(p, { type, nominationId: p.nominationId, ...(b as object) } as NominationCommand),
    });
  }
};
