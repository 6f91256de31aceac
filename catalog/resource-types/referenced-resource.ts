/** Reaching the resource another one names: the pricers of ECS services, autoscaling groups, node groups and serverless instances read it. */
import { literal, ResourceRecord } from '../terraform/resource-index';
import { referencedAddresses } from '../terraform/resource-kinds';
import type { PricingContext } from './pricing';

/**
 * The resource of `type` that `given` names: a reference (`${aws_launch_template.web.id}`), or a
 * literal that `named` matches against each candidate; a reason when it is not a resource of this
 * configuration.
 */
export function referencedResource(given: unknown, type: string, context: PricingContext, named: (candidate: ResourceRecord, text: string) => boolean): ResourceRecord | string {
  const candidates = context.resourcesOfType(type);
  const address = referencedAddresses(given).find((a) => a.startsWith(`${type}.`));
  const text = literal(given);
  const found = address ? candidates.find((c) => c.address === address) : text !== undefined ? candidates.find((c) => named(c, text)) : undefined;
  if (found) return found;
  const what = type.replace(/^aws_/, '').replace(/_/g, ' ');
  return given === undefined ? `${what} not set` : `${what} ${JSON.stringify(given)} is not a resource of this configuration`;
}
