import { GroundworkError } from '../../model/errors';
import { compareText } from '../../model/stable-json';
import type { OfferPrice } from './offer-files';
import { PriceEntry, PriceTable, validatePriceTable } from './price-table';

/**
 * Merges offer prices of one region into a price table: prices found replace the table's, the
 * rest stay. The effective date becomes the newest date among the prices used.
 */
export function mergePriceTable(region: string, existing: PriceTable | undefined, prices: readonly OfferPrice[]): { table: PriceTable; updated: string[] } {
  const mine = prices.filter((p) => p.region === region);
  if (!mine.length) throw new GroundworkError(`The offer files hold no price Groundwork uses for region ${region}.`);
  const merged: Record<string, PriceEntry> = { ...(existing?.prices ?? {}) };
  for (const p of mine) merged[p.key] = p.entry;
  const dates = mine.map((p) => p.effectiveDate).filter(Boolean).sort();
  const sources = [...new Set(mine.map((p) => p.source))].sort(compareText);
  const table = {
    region,
    currency: 'USD' as const,
    effectiveDate: dates.at(-1) ?? existing?.effectiveDate ?? new Date(0).toISOString().slice(0, 10),
    source: `AWS Price List, on-demand terms: ${sources.join('; ')}`,
    ...(existing?.notes ? { notes: existing.notes } : {}),
    prices: Object.fromEntries(Object.entries(merged).sort(([a], [b]) => compareText(a, b))),
  };
  return { table: validatePriceTable(table, `${region}.json (built)`), updated: [...new Set(mine.map((p) => p.key))].sort(compareText) };
}
