import { z } from 'zod';
import { vnDateOf, type LocalDate } from '../domain/shared/time.ts';
import { SteeringMember } from '../domain/steering/steering.ts';
import type { Catalog } from './catalog.ts';
import type { SteeringView } from './folds/steering.ts';
import { taskNow, taskOf, taskOn } from './tasks.ts';

const TaskCounts = z.object({
  open: z.number().int(),
  overdue: z.number().int(),
  done: z.number().int(),
  cancelled: z.number().int(),
});

/** The steering committee in force as served: each member with the tasks they follow, and the earlier compositions. */
export const SteeringCommittee = z
  .object({
    organiser: z.string(),
    name: z.string(),
    decision: z.object({ number: z.string(), date: z.string() }),
    members: z.array(
      SteeringMember.extend({
        tasks: TaskCounts.describe("the organiser's tasks led by the agencies the member follows"),
        overdueTasks: z.array(z.object({ taskId: z.string(), title: z.string(), leadAgencies: z.array(z.string()) })),
      }),
    ),
    history: z.array(
      z.object({
        decision: z.object({ number: z.string(), date: z.string() }),
        members: z.number().int(),
        reason: z.string().nullable(),
        recordedAt: z.string(),
      }),
    ),
    revision: z.number().int(),
    updatedAt: z.string(),
  })
  .meta({ id: 'SteeringCommittee' });
export type SteeringCommittee = z.infer<typeof SteeringCommittee>;

const norm = (s: string): string => s.normalize('NFC').trim().toLowerCase();

/**
 * Whether a member follows a task: it is led by the member's own agency or an agency the member
 * oversees ("Sở Kế hoạch và Đầu tư (vốn đầu tư)" is led by "Sở Kế hoạch và Đầu tư").
 */
function follows(m: SteeringMember): (leadAgency: string) => boolean {
  const names = [m.agency, ...m.oversees.agencies].map(norm);
  return (lead) => {
    const l = norm(lead);
    return names.some((n) => l === n || l.startsWith(`${n} (`));
  };
}

/**
 * The steering committee with, for each member, the organiser's tasks whose lead agency the
 * member follows, counted open, overdue, done and cancelled — on a business date when given
 * (as tasks lists count them), else now.
 */
export function steeringCommittee(
  c: Catalog,
  organiser: string,
  now: string,
  asOf?: LocalDate,
): SteeringCommittee | undefined {
  const s: SteeringView | undefined = c.steering.get(organiser);
  if (s === undefined) return undefined;
  // Its own tasks, and those it took over from a merged province by then.
  const day = asOf ?? vnDateOf(now);
  const tasks = [...c.tasks.values()].filter((t) => taskOf(t, organiser, day));
  const members = s.members.map((m) => {
    const mine = follows(m);
    const counts = { open: 0, overdue: 0, done: 0, cancelled: 0 };
    const overdue: { taskId: string; title: string; leadAgencies: string[] }[] = [];
    for (const t of tasks) {
      if (!t.leadAgencies.some(mine)) continue;
      const st = asOf === undefined ? taskNow(t, now, organiser) : taskOn(t, asOf, organiser);
      if (st === undefined) continue;
      counts[st.status] += 1;
      if (st.overdue) {
        counts.overdue += 1;
        overdue.push({ taskId: t.taskId, title: t.title, leadAgencies: t.leadAgencies });
      }
    }
    return { ...m, tasks: counts, overdueTasks: overdue };
  });
  return {
    organiser,
    name: s.name,
    decision: s.decision,
    members,
    history: s.history.map((h) => ({
      decision: h.decision,
      members: h.members.length,
      reason: h.reason ?? null,
      recordedAt: h.recordedAt,
    })),
    revision: s.revision,
    updatedAt: s.updatedAt,
  };
}
