import { z } from 'zod';

/** Free text as people write it: trimmed, not empty, bounded. */
export const Text = (max: number) => z.string().trim().min(1, 'must not be empty').max(max);

/** A count of people, meetings or members. */
export const Count = z.number().int('must be a whole number').nonnegative('must not be negative');
