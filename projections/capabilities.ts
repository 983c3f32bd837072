import { campaignProjection } from './folds/campaign.ts';
import { consultationProjection } from './folds/consultation.ts';
import { cooperativeProjection } from './folds/cooperative.ts';
import { dialogueProjection } from './folds/dialogue.ts';
import { membershipProjection } from './folds/membership.ts';
import { narrativeProjection } from './folds/narrative.ts';
import { nationalEventProjection } from './folds/national-event.ts';
import { nominationProjection } from './folds/nomination.ts';
import { outreachProjection } from './folds/outreach.ts';
import { publicationProjection } from './folds/publication.ts';
import { reportingProjection } from './folds/reporting.ts';
import { steeringProjection } from './folds/steering.ts';
import { supportProjection } from './folds/support.ts';
import { taskProjection } from './folds/task.ts';
import { trainingProjection } from './folds/training.ts';
import { honourProjection } from './folds/honour.ts';
import { visitProjection } from './folds/visit.ts';
import { tradePromotionProjection } from './folds/trade-promotion.ts';
import { assistanceProjection } from './folds/assistance.ts';
import { attachmentProjection } from './folds/attachment.ts';

/**
 * The capabilities the read side knows, one line each. Everything central is derived from this
 * list: the events the catalog folds and the type of any event (`AnyDomainEvent`), the catalog's
 * maps and their types, the kinds indexed per campaign, the kind codes and id fields of the saved
 * read models, the streams time travel replays, the problem catalogue (src/http/problem-catalogue.ts)
 * and the route table (src/http/routes/index.ts), which registers routes in this order.
 */
export const CAPABILITIES = [
  campaignProjection,
  outreachProjection,
  publicationProjection,
  trainingProjection,
  cooperativeProjection,
  membershipProjection,
  dialogueProjection,
  nationalEventProjection,
  supportProjection,
  nominationProjection,
  honourProjection,
  visitProjection,
  tradePromotionProjection,
  assistanceProjection,
  taskProjection,
  consultationProjection,
  steeringProjection,
  reportingProjection,
  narrativeProjection,
  attachmentProjection,
] as const;

export type RegisteredCapability = (typeof CAPABILITIES)[number];
export type CapabilityName = RegisteredCapability['name'];
