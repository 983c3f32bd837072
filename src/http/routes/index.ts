import type { FastifyInstance } from 'fastify';
import type { Kit } from '../kit.ts';
import { auditRoutes } from './audit.ts';
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
import { membershipRoutes } from './membership.ts';
import { referenceRoutes } from './reference.ts';
import { reportRoutes } from './reports.ts';
import { steeringRoutes } from './steering.ts';
import { supportRoutes } from './support.ts';
import { taskRoutes } from './tasks.ts';

/** Every capability's route plugin; the route table the OpenAPI document is generated from. */
export async function registerRoutes(app: FastifyInstance, kit: Kit): Promise<void> {
  await app.register(campaignRoutes, { kit });
  await app.register(outreachRoutes, { kit });
  await app.register(publicationRoutes, { kit });
  await app.register(cooperativeRoutes, { kit });
  await app.register(membershipRoutes, { kit });
  await app.register(dialogueRoutes, { kit });
  await app.register(nationalEventRoutes, { kit });
  await app.register(supportRoutes, { kit });
  await app.register(nominationRoutes, { kit });
  await app.register(taskRoutes, { kit });
  await app.register(consultationRoutes, { kit });
  await app.register(steeringRoutes, { kit });
  await app.register(dashboardRoutes, { kit });
  await app.register(reportRoutes, { kit });
  await app.register(auditRoutes, { kit });
  await app.register(importRoutes, { kit });
  await app.register(referenceRoutes);
}
