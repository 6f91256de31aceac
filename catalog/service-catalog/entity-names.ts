import { createHash } from 'crypto';

const MAX = 63;

/**
 * A name valid for Backstage (1-63 characters, [a-zA-Z0-9] separated by single '-', '_' or '.'),
 * derived deterministically. Names that are valid already pass through unchanged; an over-long
 * one keeps its start and gains a short hash of the whole, so two long names never collide.
 */
export function entityName(raw: string): string {
  let name = raw
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .replace(/[-_.]{2,}/g, '-')
    .replace(/^[-_.]+|[-_.]+$/g, '');
  if (!name) name = 'unnamed';
  if (name.length > MAX) {
    const hash = createHash('sha256').update(raw).digest('hex').slice(0, 8);
    name = `${name.slice(0, MAX - 9).replace(/[-_.]+$/, '')}-${hash}`;
  }
  return name;
}
