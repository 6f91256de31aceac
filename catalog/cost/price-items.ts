/**
 * The declared price items (each declared by the resource type that owns it, catalog/resource-types),
 * compiled to match the keys pricers emit.
 */
import { AURORA_ENGINES, OfferSpec, PriceItem, RDS_ENGINES } from '../resource-types/price-item';
import { PRICE_ITEMS } from '../resource-types/tables';

interface CompiledItem {
  readonly item: PriceItem;
  readonly regex: RegExp;
  readonly names: readonly string[];
}

const PART: Readonly<Record<string, string>> = {
  engine: Object.keys(RDS_ENGINES).join('|'),
  aurora: Object.keys(AURORA_ENGINES).join('|'),
  az: 'single-az|multi-az',
  volume: '[a-z0-9]+',
  type: '[a-z0-9-]+\\.[a-z0-9-]+(?:\\.[a-z0-9-]+)?',
  class: 'db\\.[a-z0-9-]+\\.[a-z0-9-]+',
  // A Bedrock model id without its version suffix (amazon.titan-embed-text-v2).
  model: '[a-z0-9-]+\\.[a-z0-9.-]+',
  term: 'no-commitment|1-month|6-month',
};

const COMPILED: readonly CompiledItem[] = PRICE_ITEMS.map((item) => {
  const names: string[] = [];
  const source = item.key
    .split(/(\{[a-z]+\})/)
    .map((piece) => {
      const name = /^\{([a-z]+)\}$/.exec(piece)?.[1];
      if (!name) return piece.replace(/\./g, '\\.');
      names.push(name);
      return `(${PART[name]})`;
    })
    .join('');
  return { item, regex: new RegExp(`^${source}$`), names };
});

/** The declared item a key belongs to, with its parts; undefined for a key nothing declares. */
export function priceItemOf(key: string): { item: PriceItem; parts: Record<string, string> } | undefined {
  for (const { item, regex, names } of COMPILED) {
    const match = regex.exec(key);
    if (match) return { item, parts: Object.fromEntries(names.map((n, i) => [n, match[i + 1]])) };
  }
  return undefined;
}

/** The offer product a key comes from. */
export function offerSpecOf(key: string): OfferSpec | undefined {
  const found = priceItemOf(key);
  return found ? found.item.offer(found.parts) : undefined;
}
