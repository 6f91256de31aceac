/**
 * A compact, self-describing form of the portal's records: each list of records becomes a table of
 * rows (no repeated keys), and every string is stored once in a pool the rows refer to by index.
 * Strings that share a start (console links, Terraform addresses of one type) are split where the
 * shared part ends, so the start is pooled once. The page's script (client/portal.js, `unpack`)
 * rebuilds the records exactly as they were, reading the column kinds from the data itself.
 *
 * Column kinds: v value as it is · s string · S list of strings · u string split into pooled start
 * and rest · U list of those · R record of string to string · T list of records (sub-columns).
 */
export type Column = readonly [name: string, kind: 'v' | 's' | 'S' | 'u' | 'U' | 'R'] | readonly [name: string, kind: 'T', columns: readonly Column[]];

export interface PackedTable {
  readonly columns: readonly Column[];
  readonly rows: unknown[][];
}

/** Where a shared start ends: after the last of these (URL path, query, fragment; Terraform type). */
const SPLIT_AFTER = new Set(['/', '#', '?', '=', '.']);

export class StringPool {
  readonly strings: string[] = [];
  private readonly index = new Map<string, number>();

  ref(text: string): number {
    let i = this.index.get(text);
    if (i === undefined) {
      i = this.strings.length;
      this.strings.push(text);
      this.index.set(text, i);
    }
    return i;
  }

  /** The string as [start, rest], both pooled; start + rest is the string. */
  split(text: string): [number, number] {
    // After the last separator that is not the final character (a scan from the end: called for every link and address).
    let at = text.length - 2;
    while (at >= 0 && !SPLIT_AFTER.has(text[at])) at--;
    return [this.ref(text.slice(0, at + 1)), this.ref(text.slice(at + 1))];
  }

  table<T extends object>(records: Iterable<T>, columns: readonly Column[]): PackedTable {
    return { columns, rows: Array.from(records, (r) => this.row(r as Record<string, unknown>, columns)) };
  }

  private row(record: Record<string, unknown>, columns: readonly Column[]): unknown[] {
    const row = columns.map((column) => {
      const value = record[column[0]];
      return value === undefined || value === null ? null : this.value(value, column);
    });
    while (row.length && row[row.length - 1] === null) row.pop(); // absent trailing fields cost nothing
    return row;
  }

  private value(value: unknown, column: Column): unknown {
    const strings = () => value as string[];
    switch (column[1]) {
      case 'v':
        return value;
      case 's':
        return this.ref(String(value));
      case 'S':
        return strings().map((s) => this.ref(s));
      case 'u':
        return this.split(String(value));
      case 'U':
        return strings().flatMap((s) => this.split(s));
      case 'R':
        return Object.entries(value as Record<string, string>).flatMap(([k, v]) => [this.ref(k), this.ref(v)]);
      case 'T':
        return (value as Array<Record<string, unknown>>).map((r) => this.row(r, column[2]));
    }
  }
}
