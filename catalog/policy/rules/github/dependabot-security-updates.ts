import { isUnknown } from '../../../terraform/hcl-expression';
import { boolAttribute, unknownAttribute } from '../../attributes';
import { COMPLIANT, defineRule, nonCompliant } from '../../rule';

export default defineRule(__filename, {
  rationale: 'Known-vulnerable dependencies are the cheapest attack; alerts say so and security updates open the fixing pull request.',
  fix: 'Set vulnerability_alerts = true and add a github_repository_dependabot_security_updates with enabled = true for the repository (Repository does both).',
  types: ['github_repository'],
  check: (r, ctx) => {
    const alerts = boolAttribute(r.body.vulnerability_alerts);
    if (isUnknown(alerts)) return unknownAttribute('vulnerability_alerts', alerts);
    if (alerts !== true) return nonCompliant('does not enable Dependabot alerts (vulnerability_alerts)');
    const updates = ctx.referencing(r, 'github_repository_dependabot_security_updates');
    for (const u of updates) {
      const enabled = boolAttribute(u.body.enabled);
      if (isUnknown(enabled)) return unknownAttribute(`enabled of ${u.type}.${u.name}`, enabled);
      if (enabled === true) return COMPLIANT;
    }
    return nonCompliant('has no Dependabot security updates (github_repository_dependabot_security_updates enabled)');
  },
});
