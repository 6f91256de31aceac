import { block, literal } from '../../terraform/resource-index';
import { attributeReader, resourceType } from '../resource-type';

const body = attributeReader('manifest');
/** Kinds that are configuration only when applied through kubernetes_manifest. */
const FREE_MANIFEST_KINDS = new Set(['TargetGroupBinding', 'NetworkPolicy', 'SecurityGroupPolicy']);

export const kubernetesManifest = resourceType({
  type: 'kubernetes_manifest',
  attributes: body.names,
  pricing: {
    pricer: (r) => {
      const kind = literal(block(body.read(r).manifest)?.kind);
      return kind && FREE_MANIFEST_KINDS.has(kind) ? { charges: [] } : { notPriced: `a kubernetes_manifest of kind ${kind ?? '(unknown)'}` };
    },
  },
});
