import { containers } from '../../../terraform/kubernetes-pods';
import { WORKLOAD_TYPES } from '../../../resource-types/tables';
import { stringAttribute } from '../../attributes';
import { COMPLIANT, defineRule, nonCompliant } from '../../rule';

export default defineRule(__filename, {
  rationale: 'A mutable tag makes a rollback, or the same deploy twice, run different code.',
  fix: 'Give every container an image with an immutable tag (1.4.2) or a digest (@sha256:...).',
  types: WORKLOAD_TYPES,
  check: (r) => {
    const containersOf = containers(r);
    // A container without an image is refused by the API server, or given one by an admission webhook no review sees.
    const imageless = containersOf.filter((c) => c.image === undefined || c.image === null || c.image === '');
    if (imageless.length) return nonCompliant(`container ${imageless.map((c) => c.name ?? '?').join(', ')} has no image`);
    const floating = containersOf.flatMap((c) => {
      const image = stringAttribute(c.image);
      if (typeof image !== 'string' || image.includes('@sha256:')) return [];
      const tag = image.slice(image.lastIndexOf('/') + 1).split(':')[1];
      return !tag || tag === 'latest' ? [`${c.name ?? '?'} (${image})`] : [];
    });
    return floating.length ? nonCompliant(`container ${floating.join(', ')} uses the latest tag`) : COMPLIANT;
  },
});
