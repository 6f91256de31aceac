import { NetworkPolicyV1 } from '@cdktf/provider-kubernetes/lib/network-policy-v1';
import { VpcSecurityGroupEgressRule } from '@cdktf/provider-aws/lib/vpc-security-group-egress-rule';
import { VpcSecurityGroupIngressRule } from '@cdktf/provider-aws/lib/vpc-security-group-ingress-rule';
import type { ITerraformDependable } from 'cdktf';
import type { Construct } from 'constructs';

/** One end of a call between two services in one environment. */
export interface CallEnd {
  readonly service: string;
  /** Its AWS construct (the caller's egress rule, the callee's ingress rule go there, owned by each). */
  readonly aws: Construct;
  /** Its Kubernetes workload construct (its NetworkPolicy goes there). */
  readonly kubernetes: Construct;
  /** Its pods' security group. */
  readonly securityGroupId: string;
  readonly namespace: string;
  readonly podLabels: Readonly<Record<string, string>>;
  /** What its NetworkPolicies must wait for (the namespace). */
  readonly dependsOn: ITerraformDependable[];
}

/**
 * A call from one service's pods to another's, allowed at both ends and nowhere else: the
 * caller's security group may connect to the callee's on its port, the callee's admits the
 * caller's there; in Kubernetes, a NetworkPolicy in each namespace lets the caller's pods out to
 * the callee's pods, and the callee's pods in from the caller's, on that port only.
 */
export function allowCall(caller: CallEnd, callee: CallEnd, port: number): void {
  const tcp = { ipProtocol: 'tcp', fromPort: port, toPort: port };
  new VpcSecurityGroupEgressRule(caller.aws, `calls-${callee.service}`, { securityGroupId: caller.securityGroupId, ...tcp, referencedSecurityGroupId: callee.securityGroupId, description: `Calls ${callee.service}` });
  new VpcSecurityGroupIngressRule(callee.aws, `called-by-${caller.service}`, { securityGroupId: callee.securityGroupId, ...tcp, referencedSecurityGroupId: caller.securityGroupId, description: `Called by ${caller.service}` });
  const peer = (end: CallEnd) => ({ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': end.namespace } }, podSelector: { matchLabels: { ...end.podLabels } } });
  const ports = [{ port: String(port), protocol: 'TCP' }];
  new NetworkPolicyV1(caller.kubernetes, `calls-${callee.service}`, {
    metadata: { name: `calls-${callee.service}`, namespace: caller.namespace },
    spec: { podSelector: { matchLabels: { ...caller.podLabels } }, policyTypes: ['Egress'], egress: [{ to: [peer(callee)], ports }] },
    dependsOn: caller.dependsOn,
  });
  new NetworkPolicyV1(callee.kubernetes, `called-by-${caller.service}`, {
    metadata: { name: `called-by-${caller.service}`, namespace: callee.namespace },
    spec: { podSelector: { matchLabels: { ...callee.podLabels } }, policyTypes: ['Ingress'], ingress: [{ from: [peer(caller)], ports }] },
    dependsOn: callee.dependsOn,
  });
}
