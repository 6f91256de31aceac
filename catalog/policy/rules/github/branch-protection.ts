import { block, literal } from '../../../terraform/resource-index';
import { COMPLIANT, defineRule, nonCompliant } from '../../rule';

export default defineRule(__filename, {
  rationale: 'Without a protected default branch one person can push anything to production.',
  fix: 'Add a github_branch_protection on the default branch with required_pull_request_reviews (Repository does this).',
  types: ['github_repository'],
  check: (r, ctx) => {
    const protections = [...ctx.referencing(r, 'github_branch_protection'), ...ctx.referencing(r, 'github_branch_protection_v3')];
    const branch = literal(block(r.body.template)?.default_branch) ?? 'main';
    const onDefault = protections.filter((p) => [branch, 'main', 'master'].includes(literal(p.body.pattern ?? p.body.branch) ?? ''));
    if (!onDefault.length) return nonCompliant('has no branch protection on its default branch');
    const reviews = onDefault.some((p) => Number(block(p.body.required_pull_request_reviews)?.required_approving_review_count ?? 0) >= 1);
    return reviews ? COMPLIANT : nonCompliant('protects its default branch without requiring an approving review');
  },
});
