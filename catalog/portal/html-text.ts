import { formatUsd } from '../../model/money';
/** Text for HTML markup and attribute values: every value from the catalog is user-written. */
export const html = (value: unknown): string => String(value ?? '').replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** Only http(s) links reach the page; anything else (javascript:, data:, relative) becomes no link. */
export const safeUrl = (url: string): string | undefined => {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.href : undefined;
  } catch {
    return undefined;
  }
};

export const usd = (n: number | undefined): string => (n === undefined ? '' : formatUsd(n));
