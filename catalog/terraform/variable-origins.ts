/**
 * Which root variables without a value an evaluation needed, so that what stays unknown is
 * reported once per variable ("set var.cloudwatch_enabled to analyse 232 resources") rather
 * than once per resource. A module's input carries the root variables its expression needed.
 */
export class VariableOrigins {
  private current: Set<string> | undefined;

  /** Records that the evaluation under way needed these (`var.x`). */
  note(names: Iterable<string>): void {
    if (this.current) for (const name of names) this.current.add(name);
  }

  /** Runs `fn`, returning what it needed too (also recorded for any enclosing collection). */
  collect<T>(fn: () => T): [T, ReadonlySet<string>] {
    const outer = this.current;
    const mine = new Set<string>();
    this.current = mine;
    try {
      return [fn(), mine];
    } finally {
      this.current = outer;
      if (outer) for (const name of mine) outer.add(name);
    }
  }
}
