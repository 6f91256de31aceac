/** What a pricer returns and the helpers every pricer shares: quantities from attributes, hours, not-priced reasons. */
import { GroundworkError } from '../../model/errors';
import { isAfterApply } from '../terraform/plan-reader';
import { literal, ResourceRecord } from '../terraform/resource-index';

/** 730 hours: the month AWS and Infracost price by. */
export const HOURS_PER_MONTH = 730;

/** One priced quantity: `quantity` units of the price table entry `item`. */
export interface Charge {
  readonly item: string;
  readonly quantity: number;
  readonly what: string;
}

export type PriceResult = { charges: Charge[] } | { notPriced: string };

export interface PricingContext<U extends string = string> {
  /** The usage figures the type declares, for the resource's service and environment. */
  readonly usage: Readonly<Record<U, number>>;
  readonly isDeadLetterQueue: boolean;
  /** The resources of one type in the priced resource's own configuration (stack): what its references can name. */
  readonly resourcesOfType: (type: string) => readonly ResourceRecord[];
}

/** A priced quantity above this, from one attribute, is a mistake (or hostile input), not a plan. */
export const MAX_QUANTITY = 1_000_000;

/** Thrown by a pricer when an input is an expression: the resource is listed as not priced, with this reason. */
export class NotPricedError extends Error {}

/** Why a value cannot be priced: known only after apply (in a plan every other value is resolved), or an expression (configuration). */
export const unknownReason = (r: ResourceRecord, what: string, value: unknown) =>
  r.planned || isAfterApply(value) ? `${what} known after apply` : `${what} is not a literal (${JSON.stringify(value)})`;

/**
 * A number argument of a resource: its fallback when absent, the number when literal; an
 * expression makes the resource not priced; a negative, non-finite or absurd number stops the
 * analysis with a sentence naming the stack, the address and the attribute.
 */
export function quantity(r: ResourceRecord, attribute: string, value: unknown, fallback: number): number {
  if (value === undefined || value === null) return fallback;
  const text = literal(value);
  if (text === undefined) throw new NotPricedError(unknownReason(r, attribute, value));
  if (text === '') return fallback;
  const n = Number(text);
  if (!Number.isFinite(n) || n < 0 || n > MAX_QUANTITY) {
    throw new GroundworkError(`${r.stack}: ${r.address} sets ${attribute} to ${JSON.stringify(value)}, which is not a quantity Groundwork can price: it must be a number from 0 to ${MAX_QUANTITY}.`);
  }
  return n;
}
export const flag = (value: unknown) => value === true || value === 'true';
export const hours = (item: string, what: string, count = 1): Charge => ({ item, quantity: HOURS_PER_MONTH * count, what });
export const notLiteral = (r: ResourceRecord, what: string, value: unknown): PriceResult => ({ notPriced: unknownReason(r, what, value) });
