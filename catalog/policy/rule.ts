import * as path from 'path';
import type { ConfigurationBlock } from '../terraform/configuration-blocks';
import type { ResourceRecord } from '../terraform/resource-index';
import type { PolicyContext } from './context';

export type Severity = 'error' | 'warning' | 'info';

export type RuleResult = { readonly status: 'compliant' } | { readonly status: 'non-compliant'; readonly message: string } | { readonly status: 'not-applicable' };

export const COMPLIANT: RuleResult = { status: 'compliant' };
export const NOT_APPLICABLE: RuleResult = { status: 'not-applicable' };
export const nonCompliant = (message: string): RuleResult => ({ status: 'non-compliant', message });

/** One guardrail: a small pure function over one resource of the Terraform JSON. */
export interface Rule {
  /** `<pack folder>/<file name>`, e.g. aws/rds-encrypted. */
  readonly id: string;
  readonly rationale: string;
  readonly fix: string;
  /** Resource types it looks at; '*' for all. */
  readonly types: readonly string[] | '*';
  readonly check: (resource: ResourceRecord, context: PolicyContext) => RuleResult;
  /** For rules that also judge data sources, providers, locals, outputs, variables and module calls. */
  readonly checkBlock?: (block: ConfigurationBlock) => RuleResult;
}

/** Rules take their id from their file: rules/aws/rds-encrypted.ts is aws/rds-encrypted. */
export function defineRule(file: string, rule: Omit<Rule, 'id'>): Rule {
  const id = `${path.basename(path.dirname(file))}/${path.basename(file).replace(/\.(ts|js)$/, '')}`;
  return { id, ...rule };
}
