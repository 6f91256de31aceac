/**
 * Each element's configuration as synthesis resolved it while preparing, where the fast path keeps
 * it (synth/cdktf-fast-synth.ts, change 6), so that a validation can read it instead of rendering
 * the element once more. Undefined outside that window: callers render the element themselves.
 */
let current: WeakMap<object, unknown> | undefined;

/** The element's resolved configuration (`{ resource: { <type>: { <name>: body } } }` for a resource), if synthesis holds it now. */
export function resolvedConfiguration(element: object): unknown {
  return current?.get(element);
}

/** Runs `synthesize` with the resolved configurations readable through resolvedConfiguration. */
export function withResolvedConfigurations<T>(resolved: WeakMap<object, unknown>, synthesize: () => T): T {
  const previous = current;
  current = resolved;
  try {
    return synthesize();
  } finally {
    current = previous;
  }
}
