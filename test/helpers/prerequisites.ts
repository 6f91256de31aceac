/**
 * What some tests need from the machine beyond `npm ci`: terraform with the provider mirror,
 * Chromium, the shared sample data. A test whose prerequisite is missing is reported as skipped
 * (jest's skip, never an early return that counts as passed), after one loud warning per test
 * file naming what is missing and how to get it. Under CI=true it fails instead: CI's machine
 * must have everything, and a green run must mean every test ran. The one exception is declared,
 * not guessed: a CI whose machine cannot have a prerequisite (GitHub's runners have no copy of the
 * project's shared/ data) names its id in GROUNDWORK_ABSENT_PREREQUISITES (comma-separated), in
 * the workflow file where a reviewer reads it, and those tests are skipped loudly there too.
 */

export interface Prerequisite {
  /** A short name CI can declare absent in GROUNDWORK_ABSENT_PREREQUISITES, e.g. "shared-data". */
  readonly id: string;
  /** What is needed, e.g. "Chromium". */
  readonly what: string;
  /** Why it is missing and how to get it, or undefined when it is there. */
  readonly missing?: string;
}

/** A test or describe that runs only where its prerequisite is there. */
export interface Gate {
  readonly available: boolean;
  readonly test: (name: string, fn: jest.ProvidesCallback, timeout?: number) => void;
  readonly describe: (name: string, fn: () => void) => void;
}

const inCI = () => process.env.CI === 'true';
const declaredAbsent = (id: string) => (process.env.GROUNDWORK_ABSENT_PREREQUISITES ?? '').split(',').map((s) => s.trim()).includes(id);
const warned = new Set<string>();

function warnOnce({ id, what, missing }: Prerequisite): void {
  if (warned.has(what)) return;
  warned.add(what);
  // stderr, not console.warn: jest keeps console output of passing files quiet.
  process.stderr.write(`\n${'!'.repeat(78)}\n!! SKIPPED: the tests that need ${what}.\n!! ${missing}\n!! Under CI=true these tests fail instead, unless GROUNDWORK_ABSENT_PREREQUISITES names ${id}.\n${'!'.repeat(78)}\n`);
}

export function gate(prerequisite: Prerequisite): Gate {
  if (prerequisite.missing === undefined) return { available: true, test, describe };
  const sentence = `${prerequisite.what} is missing: ${prerequisite.missing}`;
  if (inCI() && !declaredAbsent(prerequisite.id)) {
    const failing = (name: string, _fn?: unknown, timeout?: number) =>
      test(name, () => {
        throw new Error(`${sentence} (CI=true: a missing prerequisite fails the run)`);
      }, timeout);
    return { available: false, test: failing, describe: (name) => describe(name, () => failing(`needs ${prerequisite.what}`)) };
  }
  warnOnce(prerequisite);
  return { available: false, test: test.skip, describe: describe.skip };
}
