import { GroundworkError } from '../../model/errors';
import { compareText } from '../../model/stable-json';
import type { ImportResult } from './offer-files';
import { PriceEntry, PriceTable, summarise, toNano, validatePriceTable } from './price-table';

/**
 * Merges imported offer prices into a region's table: the entries found replace the table's (with
 * their offer record as origin), the rest keep their own origin; the summary and date are
 * recomputed from the entries, so a partial refresh never relabels what it did not touch.
 */
export function mergePriceTable(region: string, existing: PriceTable | undefined, imported: ImportResult): { table: PriceTable; updated: string[] } {
  if (!imported.prices.size) throw new GroundworkError(`The offer files hold no price Groundwork uses for region ${region}.`);
  const merged: Record<string, PriceEntry> = { ...(existing?.prices ?? {}) };
  for (const [key, entry] of imported.prices) merged[key] = entry;
  const prices = Object.fromEntries(Object.entries(merged).sort(([a], [b]) => compareText(a, b)));
  const table = { region, currency: 'USD' as const, ...summarise(prices), ...(existing?.notes ? { notes: existing.notes } : {}), ...(existing?.complete !== undefined ? { complete: existing.complete } : {}), prices };
  return { table: validatePriceTable(table, `${region}.json (built)`), updated: [...imported.prices.keys()].sort(compareText) };
}

export interface PriceDifference {
  readonly key: string;
  readonly table: string;
  readonly offer: string;
  /** Relative difference of the offer's price to the table's, in percent. */
  readonly percent: number;
  readonly sku: string;
}

/** Entries whose offer price differs from the table's by more than `thresholdPercent`. */
export function priceDifferences(table: PriceTable, imported: ImportResult, thresholdPercent = 0.5): PriceDifference[] {
  const differences: PriceDifference[] = [];
  for (const [key, entry] of imported.prices) {
    const current = table.prices[key];
    const sku = 'offer' in entry.origin ? entry.origin.offer.sku : '';
    if (!current) {
      differences.push({ key, table: '(none)', offer: entry.usd, percent: Infinity, sku });
      continue;
    }
    const was = toNano(current.usd);
    const now = toNano(entry.usd);
    const percent = was === 0 ? (now === 0 ? 0 : Infinity) : (100 * (now - was)) / was;
    if (Math.abs(percent) > thresholdPercent) differences.push({ key, table: current.usd, offer: entry.usd, percent, sku });
  }
  return differences.sort((a, b) => compareText(a.key, b.key));
}
