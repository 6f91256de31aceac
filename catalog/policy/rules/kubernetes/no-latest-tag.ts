import { literal } from '../../../terraform/resource-index';
import { containers, WORKLOAD_TYPES } from '../../../terraform/kubernetes-pods';
import { COMPLIANT, defineRule, nonCompliant } from '../../rule';

export default defineRule(__filename, {
  rationale: 'A mutable tag makes a rollback, or the same deploy twice, run different code.',
  fix: 'Pin an immutable tag (1.4.2) or a digest (@sha256:...).',
  types: WORKLOAD_TYPES,
  check: (r) => {
    const floating = containers(r).filter((c) => {
      const image = literal(c.image);
      if (image === undefined) return false;
      if (image.includes('@sha256:')) return false;
      const tag = image.slice(image.lastIndexOf('/') + 1).split(':')[1];
      return !tag || tag === 'latest';
    });
    return floating.length ? nonCompliant(`container ${floating.map((c) => `${c.name ?? '?'} (${c.image})`).join(', ')} uses the latest tag`) : COMPLIANT;
  },
});
