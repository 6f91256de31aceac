import { createHash } from 'crypto';
import { stableJson } from '../../model/stable-json';

/**
 * Planned values with what terraform left unknown (`after_unknown`) masked, so that a value
 * unknown at review may be known at deploy, and nothing else may differ.
 * An unknown structure holds only `true` leaves: `true` (all unknown), an array or an object of them.
 */
export type Unknown = true | readonly (Unknown | 0)[] | { readonly [key: string]: Unknown };

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Stands for a value not known until apply; a key no Terraform value holds. */
const UNKNOWN = { '\u0000unknown': true };

/** `after_unknown` (or `after_sensitive`) at one attribute, pruned to its `true` leaves; undefined when nothing is. */
export function pruned(value: unknown): Unknown | undefined {
  if (value === true) return true;
  if (Array.isArray(value)) {
    const items = value.map(pruned);
    return items.some((i) => i !== undefined) ? items.map((i) => i ?? 0) : undefined;
  }
  if (isObject(value)) {
    const entries = Object.entries(value)
      .map(([k, v]) => [k, pruned(v)] as const)
      .filter(([, v]) => v !== undefined);
    return entries.length ? (Object.fromEntries(entries) as Unknown) : undefined;
  }
  return undefined;
}

/** Unknown where either is: the review's unknowns accepted, and a value unknown only now still differs from a known one. */
export function unionOf(a: Unknown | undefined, b: Unknown | undefined): Unknown | undefined {
  if (a === undefined || b === undefined) return a ?? b;
  if (a === true || b === true) return true;
  if (Array.isArray(a) && Array.isArray(b)) {
    return Array.from({ length: Math.max(a.length, b.length) }, (_, i) => {
      const x = a[i] === 0 ? undefined : a[i];
      const y = b[i] === 0 ? undefined : b[i];
      return unionOf(x, y) ?? 0;
    });
  }
  if (isObject(a) && isObject(b)) {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])];
    return Object.fromEntries(keys.map((k) => [k, unionOf((a as Record<string, Unknown>)[k], (b as Record<string, Unknown>)[k])!])) as Unknown;
  }
  // Shapes that disagree: the values differ anyway; keep the review's.
  return a;
}

/** The value with the unknown parts replaced by one marker; absent reads as null. */
export function masked(value: unknown, unknown: Unknown | 0 | undefined): unknown {
  if (unknown === true) return UNKNOWN;
  if (Array.isArray(unknown)) {
    const items = Array.isArray(value) ? value : [];
    return Array.from({ length: Math.max(items.length, unknown.length) }, (_, i) => masked(items[i], unknown[i]));
  }
  if (isObject(unknown)) {
    const object = isObject(value) ? value : {};
    const keys = [...new Set([...Object.keys(object), ...Object.keys(unknown)])];
    return Object.fromEntries(keys.map((k) => [k, masked(object[k], (unknown as Record<string, Unknown>)[k])]));
  }
  return value ?? null;
}

/** sha-256 of a value's canonical JSON (keys sorted at every level). */
export function valueHash(value: unknown): string {
  return createHash('sha256').update(stableJson(value)).digest('hex');
}
