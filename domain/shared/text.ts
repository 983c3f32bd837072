import { z } from 'zod';

/** NUL, and a UTF-16 surrogate without its pair: not text, and not storable as UTF-8. */
const NOT_TEXT = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Free text as people write it: trimmed, not empty, bounded, no NUL or broken characters. */
export const Text = (max: number) =>
  z
    .string()
    .trim()
    .min(1, 'must not be empty')
    .max(max)
    .refine((s) => !NOT_TEXT.test(s), 'must not contain NUL or a lone UTF-16 surrogate');

/** A count of people, meetings or members. */
export const Count = z.number().int('must be a whole number').nonnegative('must not be negative');
