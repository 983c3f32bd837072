import type { FastifyInstance, FastifyPluginAsync } from 'fastify';
import { CAPABILITIES, type CapabilityName } from '../../../projections/capabilities.ts';
import type { Kit } from '../kit.ts';
import { auditRoutes } from './audit.ts';
import { communeRoutes } from './communes.ts';
import { campaignRoutes } from './campaigns.ts';
import { consultationRoutes } from './consultations.ts';
import { dashboardRoutes } from './dashboards.ts';
import { nationalEventRoutes } from './national-events.ts';
import { nominationRoutes } from './nominations.ts';
import { outreachRoutes } from './outreach.ts';
import { publicationRoutes } from './publications.ts';
import { cooperativeRoutes } from './cooperatives.ts';
import { dialogueRoutes } from './dialogue.ts';
import { importRoutes } from './imports.ts';
import { mapRoutes } from './maps.ts';
import { membershipRoutes } from './membership.ts';
import { narrativeRoutes } from './documents.ts';
import { referenceRoutes } from './reference.ts';
import { reportRoutes } from './reports.ts';
import { steeringRoutes } from './steering.ts';
import { supportRoutes } from './support.ts';
import { taskRoutes } from './tasks.ts';
import { trainingRoutes } from './trainings.ts';
import { honourRoutes } from './honours.ts';
import { visitRoutes } from './visits.ts';
import { tradePromotionRoutes } from './trade-promotions.ts';
import { assistanceRoutes } from './support-in-kind.ts';
import { attachmentRoutes } from './attachments.ts';
import { historyRoutes } from './history.ts';

type RoutePlugin = FastifyPluginAsync<{ kit: Kit }>;

/**
 * Each registered capability's route plugin, by the name it is registered under
 * (projections/capabilities.ts): the compiler asks for an entry for every capability. Reporting's
 * commands are served with the report books it feeds (reports.ts), among the read views.
 */
const CAPABILITY_ROUTES: Record<CapabilityName, RoutePlugin | null> = {
  campaign: campaignRoutes,
  outreach: outreachRoutes,
  publication: publicationRoutes,
  training: trainingRoutes,
  honour: honourRoutes,
  visit: visitRoutes,
  'trade-promotion': tradePromotionRoutes,
  assistance: assistanceRoutes,
  cooperative: cooperativeRoutes,
  membership: membershipRoutes,
  dialogue: dialogueRoutes,
  'national-event': nationalEventRoutes,
  support: supportRoutes,
  nomination: nominationRoutes,
  task: taskRoutes,
  consultation: consultationRoutes,
  steering: steeringRoutes,
  reporting: null,
  narrative: narrativeRoutes,
  attachment: attachmentRoutes,
};

/** The views that read across capabilities, after the capabilities' own routes. */
const READ_VIEWS: RoutePlugin[] = [
  dashboardRoutes,
  communeRoutes,
  reportRoutes,
  auditRoutes,
  importRoutes,
  historyRoutes,
];

/** Every route, in the order of the registered capabilities: the route table the OpenAPI document is generated from. */
export async function registerRoutes(app: FastifyInstance, kit: Kit): Promise<void> {
  for (const { name } of CAPABILITIES) {
    const routes = CAPABILITY_ROUTES[name];
    if (routes !== null) await app.register(routes, { kit });
  }
  for (const routes of READ_VIEWS) await app.register(routes, { kit });
  await app.register(referenceRoutes);
  await app.register(mapRoutes);
}
