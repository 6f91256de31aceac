/** A JSON object read from outside (Terraform JSON, a plan, a state): each member is narrowed where it is read, never assumed. */
export type Json = Record<string, unknown>;

/** A JSON object (not null, not an array). */
export const isJson = (value: unknown): value is Json => value !== null && typeof value === 'object' && !Array.isArray(value);

/** An object-valued member's members ({} when it is absent): blocks keyed by type or name. */
export const membersOf = (value: unknown): Json => (value !== null && typeof value === 'object' ? (value as Json) : {});

/** The cdktf construct path a block's `//` metadata records, if any (a path that is not a string is none: it names no construct). */
export function constructPathOf(body: unknown): string | undefined {
  const path = membersOf(membersOf(membersOf(body)['//']).metadata).path;
  return typeof path === 'string' ? path : undefined;
}

/** A repeated block as a list: the list as written, or the one object written alone (Terraform JSON allows both). */
export const itemsOf = (value: unknown): Json[] => (Array.isArray(value) ? value : value !== null && typeof value === 'object' ? [value] : []) as Json[];
