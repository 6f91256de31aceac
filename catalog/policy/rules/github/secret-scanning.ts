import { isUnknown } from '../../../terraform/hcl-expression';
import { block } from '../../../terraform/resource-index';
import { stringAttribute, unknownAttribute } from '../../attributes';
import { COMPLIANT, defineRule, nonCompliant } from '../../rule';

const SETTINGS = ['secret_scanning', 'secret_scanning_push_protection'] as const;

export default defineRule(__filename, {
  rationale: 'A token pushed once stays in the history; push protection stops it before it lands, scanning finds the ones that did.',
  fix: 'Set security_and_analysis { secret_scanning { status = "enabled" } secret_scanning_push_protection { status = "enabled" } } (Repository does this).',
  types: ['github_repository'],
  check: (r) => {
    const settings = block(r.body.security_and_analysis);
    const off: string[] = [];
    for (const name of SETTINGS) {
      const status = stringAttribute(block(settings?.[name])?.status);
      if (isUnknown(status)) return unknownAttribute(`security_and_analysis.${name}.status`, status);
      if (status !== 'enabled') off.push(name.replace(/_/g, ' '));
    }
    return off.length ? nonCompliant(`does not enable ${off.join(' and ')}`) : COMPLIANT;
  },
});
