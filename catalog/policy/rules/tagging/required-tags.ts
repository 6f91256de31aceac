import { describeOwnershipProblem } from '../../../../model/ownership-record';
import { COMPLIANT, defineRule, nonCompliant, NOT_APPLICABLE } from '../../rule';

export default defineRule(__filename, {
  rationale: 'Cost, on-call and compliance reports group by these tags; an untagged resource belongs to nobody.',
  fix: 'Create the resource inside a Groundwork construct or golden path (they stamp the tags), or add the missing tags.',
  types: '*',
  check: (r, ctx) => {
    if (!ctx.isTaggable(r)) return NOT_APPLICABLE;
    // One repository serves every environment: it has no environment topic.
    const required = r.provider === 'github' ? ctx.required.filter((k) => k !== 'environment') : ctx.required;
    const missing = required.filter((k) => !r.tags[k]);
    if (missing.length) return nonCompliant(`lacks the ownership ${r.provider === 'github' ? 'topics' : r.provider === 'kubernetes' ? 'labels' : 'tags'} ${missing.join(', ')}`);
    if (!ctx.validator) return COMPLIANT;
    const record = Object.fromEntries(ctx.required.map((k) => [k, r.tags[k]]));
    // GitHub topics are lower-cased, and a repository has no environment.
    if (r.provider === 'github') return COMPLIANT;
    const problems = ctx.problemsOf(record);
    return problems.length ? nonCompliant(problems.map((p) => describeOwnershipProblem('tag', p).replace(/^tag: /, '').replace(/\.$/, '')).join('; ')) : COMPLIANT;
  },
});
