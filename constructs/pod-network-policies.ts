import { NetworkPolicyV1, NetworkPolicyV1SpecEgress, NetworkPolicyV1SpecIngress } from '@cdktf/provider-kubernetes/lib/network-policy-v1';
import type { ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';

/** Where a workload's pods connect to, as NetworkPolicies can say it (addresses and ports, not security groups). */
export interface PodEgress {
  /** The VPC's CIDR block: AWS API endpoints (443) and data stores live there. */
  readonly vpcCidr: string;
  /** TCP ports in the VPC: 443 (the AWS API endpoints) and the data stores'. */
  readonly vpcPorts: readonly number[];
  /** HTTPS to any address: egress 'internet', or S3 (its gateway endpoint's addresses are public; the security group narrows them to S3). */
  readonly internetHttps: boolean;
}

/**
 * Who may open connections to the pods, on their port: the VPC (its load balancer's subnets).
 * Other services' pods come in only through the policies of the calls they declare (constructs/service-call-rules.ts).
 */
export type PodIngress = { readonly from: 'vpc'; readonly cidr: string; readonly port: number };

export interface PodNetworkPoliciesProps {
  readonly namespace: string;
  /** Labels selecting the workload's pods. */
  readonly podLabels: Readonly<Record<string, string>>;
  readonly egress: PodEgress;
  /** @default none: no connection in */
  readonly ingress?: PodIngress;
  readonly dependsOn?: ITerraformDependable[];
}

const tcp = (port: number) => ({ port: String(port), protocol: 'TCP' });

/**
 * A namespace's NetworkPolicies: deny all traffic in and out by default, then allow what the
 * golden path needs: DNS to kube-dns, its dependencies (the VPC on the AWS API endpoints' and data
 * stores' ports, HTTPS anywhere where asked), and connections in on its port from the VPC (a load
 * balancer); the services that call it add their own.
 */
export class PodNetworkPolicies extends Construct {
  constructor(scope: Construct, id: string, props: PodNetworkPoliciesProps) {
    super(scope, id);
    const { namespace, egress } = props;
    new NetworkPolicyV1(this, 'default-deny', {
      metadata: { name: 'default-deny', namespace },
      spec: { podSelector: {}, policyTypes: ['Ingress', 'Egress'] },
      dependsOn: props.dependsOn,
    });
    const rules: NetworkPolicyV1SpecEgress[] = [
      {
        to: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } }, podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } } }],
        ports: [{ port: '53', protocol: 'UDP' }, { port: '53', protocol: 'TCP' }],
      },
      { to: [{ ipBlock: { cidr: egress.vpcCidr } }], ports: [...new Set(egress.vpcPorts)].sort((a, b) => a - b).map(tcp) },
    ];
    if (egress.internetHttps) rules.push({ to: [{ ipBlock: { cidr: '0.0.0.0/0' } }], ports: [tcp(443)] });
    const ingress: NetworkPolicyV1SpecIngress[] = !props.ingress
      ? []
      : [{ from: [{ ipBlock: { cidr: props.ingress.cidr } }], ports: [tcp(props.ingress.port)] }];
    new NetworkPolicyV1(this, 'allow', {
      metadata: { name: 'allow-golden-path', namespace },
      spec: { podSelector: { matchLabels: { ...props.podLabels } }, policyTypes: ingress.length ? ['Ingress', 'Egress'] : ['Egress'], ingress: ingress.length ? ingress : undefined, egress: rules },
      dependsOn: props.dependsOn,
    });
  }
}
