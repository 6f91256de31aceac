import { Manifest } from '@cdktf/provider-kubernetes/lib/manifest';
import type { ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';

export interface SecurityGroupPolicyProps {
  readonly namespace: string;
  /** Labels of the pods it applies to. */
  readonly podLabels: Readonly<Record<string, string>>;
  /** The security groups (references to the AWS stack) the pods get instead of the node's. */
  readonly securityGroupIds: readonly string[];
  /** What must exist first (the namespace). @default none */
  readonly dependsOn?: ITerraformDependable[];
}

/**
 * Security groups for pods: the VPC CNI gives the selected pods a branch network interface with
 * these security groups, so the service's security group (egress bounded, admitted by its data
 * stores) is what its pods actually use. Needs the VPC CNI's ENABLE_POD_ENI (a cluster prerequisite).
 */
export class SecurityGroupPolicy extends Construct {
  readonly manifest: Manifest;

  constructor(scope: Construct, id: string, props: SecurityGroupPolicyProps) {
    super(scope, id);
    this.manifest = new Manifest(this, 'policy', {
      manifest: {
        apiVersion: 'vpcresources.k8s.aws/v1beta1',
        kind: 'SecurityGroupPolicy',
        metadata: { name: 'service-security-group', namespace: props.namespace },
        spec: {
          podSelector: { matchLabels: { ...props.podLabels } },
          securityGroups: { groupIds: [...props.securityGroupIds] },
        },
      },
      dependsOn: props.dependsOn,
    });
  }
}
