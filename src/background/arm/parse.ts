import * as v from 'valibot';
import { ArmError } from './errors';

/** `{ value: [...], nextLink? }`: the list envelope of every ARM collection (x-ms-pageable). */
const ListEnvelope = v.object({
  value: v.array(v.unknown()),
  nextLink: v.nullish(v.string()),
});

/**
 * Reads an ARM list. A body without a `value` array is unusable (bad_response); a single item that
 * does not fit the documented shape is dropped, so one odd record cannot hide all the others.
 */
export function parseList<TSchema extends v.GenericSchema>(
  body: unknown,
  item: TSchema,
): { items: v.InferOutput<TSchema>[]; nextLink?: string } {
  const envelope = v.safeParse(ListEnvelope, body);
  if (!envelope.success) throw new ArmError('bad_response', 'ARM list without a value array');
  const items: v.InferOutput<TSchema>[] = [];
  for (const raw of envelope.output.value) {
    const parsed = v.safeParse(item, raw);
    if (parsed.success) items.push(parsed.output);
  }
  const nextLink = envelope.output.nextLink;
  return nextLink ? { items, nextLink } : { items };
}

/** ISO timestamp to epoch ms; absent or unparseable → undefined. */
export function toEpochMs(value: string | null | undefined): number | undefined {
  if (!value) return undefined;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? undefined : ms;
}
