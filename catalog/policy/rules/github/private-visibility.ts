import { literal } from '../../../terraform/resource-index';
import { DECLARED_PUBLIC_TOPIC } from '../../../../model/tag-limits';
import { COMPLIANT, defineRule, nonCompliant } from '../../rule';


export default defineRule(__filename, {
  rationale: 'Source code, history and CI configuration leak secrets and designs; public is a decision.',
  fix: `Set visibility to private or internal, or declare it public on purpose with the "${DECLARED_PUBLIC_TOPIC}" topic.`,
  types: ['github_repository'],
  check: (r) => {
    const visibility = literal(r.body.visibility) ?? (r.body.private === false || r.body.private === 'false' ? 'public' : 'private');
    if (visibility !== 'public') return COMPLIANT;
    const topics = Array.isArray(r.body.topics) ? r.body.topics : [];
    return topics.includes(DECLARED_PUBLIC_TOPIC) ? COMPLIANT : nonCompliant(`is public without the "${DECLARED_PUBLIC_TOPIC}" topic that declares it so`);
  },
});
