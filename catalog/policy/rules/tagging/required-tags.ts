import { describeOwnershipProblem } from '../../../../model/ownership-record';
import type { ResourceRecord } from '../../../terraform/resource-index';
import type { PolicyContext } from '../../context';
import { COMPLIANT, defineRule, nonCompliant, NOT_APPLICABLE } from '../../rule';

/**
 * GitHub lower-cases topics: a repository's cost center and organisation-defined values are
 * matched to the settings' spelling without regard to case, then judged like any other record.
 */
function repositoryRecord(record: Record<string, string>, ctx: PolicyContext): Record<string, string> {
  const organisation = ctx.organisation;
  if (!organisation) return record;
  const spelled = (value: string, known: readonly string[] | undefined) => known?.find((k) => k.toLowerCase() === value.toLowerCase()) ?? value;
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(record)) {
    if (key === 'cost-center') out[key] = spelled(value, organisation.teams[record.owner]?.costCenters);
    else out[key] = spelled(value, organisation.tagKeys[key]?.allowed);
  }
  return out;
}

function kindOf(r: ResourceRecord): string {
  return r.provider === 'github' ? 'topics' : r.provider === 'kubernetes' ? 'labels' : 'tags';
}

export default defineRule(__filename, {
  rationale: 'Cost, on-call and compliance reports group by these tags; an untagged resource belongs to nobody.',
  fix: 'Create the resource inside a Groundwork construct or golden path (they stamp the tags), or add the missing tags with values the organisation settings allow.',
  types: '*',
  check: (r, ctx) => {
    if (!ctx.isTaggable(r)) return NOT_APPLICABLE;
    // One repository serves every environment: it has no environment topic.
    const repository = r.provider === 'github';
    const required = repository ? ctx.required.filter((k) => k !== 'environment') : ctx.required;
    const missing = required.filter((k) => !r.tags[k]);
    if (missing.length) return nonCompliant(`lacks the ownership ${kindOf(r)} ${missing.join(', ')}`);
    const record = Object.fromEntries(required.map((k) => [k, r.tags[k]]));
    const problems = repository ? ctx.problemsOf(repositoryRecord(record, ctx), 'service') : ctx.problemsOf(record);
    return problems.length ? nonCompliant(problems.map((p) => describeOwnershipProblem('tag', p).replace(/^tag: /, '').replace(/\.$/, '')).join('; ')) : COMPLIANT;
  },
});
