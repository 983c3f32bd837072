import { z } from 'zod';

/**
 * Money in Vietnamese đồng: whole đồng, no minor unit ("195trđ" is 195_000_000). Kept as a JS
 * number: every amount up to 9,007,199,254,740,991 đồng is exact, far above any budget here.
 */
export const Vnd = z
  .number({ error: 'must be a whole number of đồng' })
  .int('must be a whole number of đồng (VND has no minor unit)')
  .nonnegative('must not be negative')
  .max(Number.MAX_SAFE_INTEGER, 'is too large');

/** An amount that must be above zero (a grant, a tranche). */
export const PositiveVnd = Vnd.refine((n) => n > 0, 'must be more than 0 đồng');

export type Vnd = number;

export function sumVnd(xs: Iterable<Vnd>): Vnd {
  let s = 0;
  for (const x of xs) s += x;
  return s;
}

/** "195.000.000 ₫", the Vietnamese way of writing amounts. */
export function formatVnd(n: Vnd): string {
  return `${String(n).replace(/\B(?=(\d{3})+(?!\d))/g, '.')} ₫`;
}
