import type { ResourceRecord } from './resource-index';
import { NotAnalysed, notAnalysedModules, variablesWithoutValue } from './resource-instances';
import type { TerraformConfiguration } from './terraform-output';

/**
 * Everything catalog and guardrails say they could not look into, never a silent pass: module
 * calls not read, variables without a value (once each), and resources a state holds that the
 * configuration no longer declares.
 */
export function notAnalysed(configurations: readonly TerraformConfiguration[], records: readonly ResourceRecord[]): NotAnalysed[] {
  return [...notAnalysedModules(configurations), ...variablesWithoutValue(records), ...configurations.flatMap((c) => c.orphans ?? [])];
}

/** How a terminal shows what was not analysed: one line each. */
export function notAnalysedLines(list: readonly NotAnalysed[] = []): string[] {
  return list.map((x) => `  NOT ANALYSED ${x.stack} ${x.address}: ${x.reason}.`);
}
