import { block, literal } from '../../../terraform/resource-index';
import { listAttribute } from '../../attributes';
import { isUnknown } from '../../../terraform/hcl-expression';
import { COMPLIANT, defineRule, NOT_APPLICABLE, nonCompliant } from '../../rule';

export default defineRule(__filename, {
  rationale: 'A CI workflow that is not required is advice: a red build can still be merged.',
  fix: 'Add required_status_checks { strict = true, contexts = ["build"] } (the CI job) to the default branch protection (Repository does this when it writes the CI workflow).',
  types: ['github_repository'],
  check: (r, ctx) => {
    // A repository whose CI workflow this configuration manages must require it; others are not judged.
    const workflows = ctx.referencing(r, 'github_repository_file').filter((f) => (literal(f.body.file) ?? '').startsWith('.github/workflows/'));
    if (!workflows.length) return NOT_APPLICABLE;
    const branch = literal(block(r.body.template)?.default_branch) ?? 'main';
    const protections = [...ctx.referencing(r, 'github_branch_protection'), ...ctx.referencing(r, 'github_branch_protection_v3')].filter((p) => [branch, 'main', 'master'].includes(literal(p.body.pattern ?? p.body.branch) ?? ''));
    for (const p of protections) {
      const checks = block(p.body.required_status_checks);
      const contexts = listAttribute(checks?.contexts ?? checks?.checks);
      if (isUnknown(contexts)) return COMPLIANT; // a computed list of checks is still a requirement
      if (contexts?.length) return COMPLIANT;
    }
    return nonCompliant(`manages a CI workflow (${literal(workflows[0].body.file)}) but its default branch requires no status check`);
  },
});
