/**
 * A full garbage collection now, where the process allows it (node --expose-gc, as cdktf.json runs
 * the app): called where a large structure has just become garbage (the construction's leftovers
 * before synthesis, the construct tree before the analysis). V8 sizes the heap it lets grow from
 * what survived the last full collection, so collecting there keeps the peak near what is alive
 * rather than near everything ever allocated. Without the flag this does nothing.
 */
export function collectGarbage(): void {
  (globalThis as { gc?: () => void }).gc?.();
}
