import { isUnknown } from '../terraform/hcl-expression';
import { block, literal, ResourceRecord } from '../terraform/resource-index';
import { referencedAddresses } from '../terraform/resource-kinds';
import { boolAttribute } from './attributes';
import type { PolicyContext } from './context';

export const LOAD_BALANCER_TYPES = ['aws_lb', 'aws_alb'];
export const LISTENER_TYPES = ['aws_lb_listener', 'aws_alb_listener'];

/** An Application Load Balancer (the default type). */
export const isApplicationLoadBalancer = (r: ResourceRecord): boolean => (literal(r.body.load_balancer_type) ?? 'application') === 'application';

/** Internet-facing unless `internal` is literally true: an unknown scheme is judged as public (fail closed). */
export function isInternetFacing(r: ResourceRecord): boolean {
  const internal = boolAttribute(r.body.internal);
  return isUnknown(internal) || internal !== true;
}

/** The load balancer a listener's `load_balancer_arn` refers to, in the same configuration. */
export function listenerLoadBalancer(listener: ResourceRecord, context: PolicyContext): ResourceRecord | undefined {
  const targets = new Set(referencedAddresses(listener.body.load_balancer_arn));
  return context.inStack(listener.stack).find((r) => LOAD_BALANCER_TYPES.includes(r.type) && targets.has(r.address));
}

/** Whether an HTTP listener's default action only redirects to HTTPS. */
export function redirectsToHttps(listener: ResourceRecord): boolean {
  const actions = Array.isArray(listener.body.default_action) ? listener.body.default_action : [listener.body.default_action];
  return actions.length > 0 && actions.every((a) => literal(a?.type) === 'redirect' && literal(block(a.redirect)?.protocol) === 'HTTPS');
}
