import { isUnknown } from '../../../terraform/hcl-expression';
import { DECLARED_PUBLIC_TOPIC } from '../../../../model/tag-limits';
import { boolAttribute, listAttribute, stringAttribute, unknownAttribute } from '../../attributes';
import { COMPLIANT, defineRule, nonCompliant } from '../../rule';

export default defineRule(__filename, {
  rationale: 'Source code, history and CI configuration leak secrets and designs; public is a decision.',
  fix: `Set visibility to private or internal, or declare it public on purpose with the "${DECLARED_PUBLIC_TOPIC}" topic.`,
  types: ['github_repository'],
  check: (r) => {
    // visibility wins over the older private flag; the provider's default is public.
    const visibility = stringAttribute(r.body.visibility);
    if (isUnknown(visibility)) return unknownAttribute('visibility', visibility);
    let isPublic: boolean;
    if (visibility !== undefined) isPublic = visibility !== 'private' && visibility !== 'internal';
    else {
      const isPrivate = boolAttribute(r.body.private);
      if (isUnknown(isPrivate)) return unknownAttribute('private', isPrivate);
      isPublic = isPrivate !== true;
    }
    if (!isPublic) return COMPLIANT;
    const topics = listAttribute(r.body.topics);
    if (isUnknown(topics)) return unknownAttribute('topics', topics);
    return topics?.includes(DECLARED_PUBLIC_TOPIC) ? COMPLIANT : nonCompliant(`is public without the "${DECLARED_PUBLIC_TOPIC}" topic that declares it so`);
  },
});
