/**
 * A fully qualified DNS name as the platform accepts it for a service's hostname: lowercase labels
 * of letters, digits and inner hyphens, a letter-only top-level label, at most 253 characters.
 * Synth checks props with it (LITERAL_RULES.hostname); the catalog checks metadata with it, since
 * a stack's JSON may be written by hand.
 */
export const DNS_NAME = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;

/**
 * The hostname of a service URL the golden paths write (`https://<hostname>`, nothing more), or
 * undefined for anything else: another scheme, a port, a path, user info, markup.
 */
export function serviceUrlHostname(url: unknown): string | undefined {
  if (typeof url !== 'string' || !url.startsWith('https://')) return undefined;
  const hostname = url.slice('https://'.length);
  return DNS_NAME.test(hostname) ? hostname : undefined;
}
