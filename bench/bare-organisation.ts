/**
 * The same resources as bench/generated-organisation.ts, written directly with the provider classes: no
 * golden paths, no ownership validation, no Aspects, no metadata, no analysis. What a team would
 * write with bare cdktf; the benchmark checks both produce the same resource types and counts
 * (`sameResources`), so a resource the platform adds to an HttpService or an environment belongs here too.
 */
import { CloudwatchDashboard } from '@cdktf/provider-aws/lib/cloudwatch-dashboard';
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { DefaultSecurityGroup } from '@cdktf/provider-aws/lib/default-security-group';
import { Eip } from '@cdktf/provider-aws/lib/eip';
import { FlowLog } from '@cdktf/provider-aws/lib/flow-log';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { InternetGateway } from '@cdktf/provider-aws/lib/internet-gateway';
import { KmsAlias } from '@cdktf/provider-aws/lib/kms-alias';
import { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import { NatGateway } from '@cdktf/provider-aws/lib/nat-gateway';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { RouteTable } from '@cdktf/provider-aws/lib/route-table';
import { RouteTableAssociation } from '@cdktf/provider-aws/lib/route-table-association';
import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import { SnsTopic } from '@cdktf/provider-aws/lib/sns-topic';
import { Subnet } from '@cdktf/provider-aws/lib/subnet';
import { Vpc } from '@cdktf/provider-aws/lib/vpc';
import { VpcEndpoint } from '@cdktf/provider-aws/lib/vpc-endpoint';
import { VpcSecurityGroupEgressRule } from '@cdktf/provider-aws/lib/vpc-security-group-egress-rule';
import { VpcSecurityGroupIngressRule } from '@cdktf/provider-aws/lib/vpc-security-group-ingress-rule';
import { BranchProtection } from '@cdktf/provider-github/lib/branch-protection';
import { GithubProvider } from '@cdktf/provider-github/lib/provider';
import { Repository } from '@cdktf/provider-github/lib/repository';
import { RepositoryDependabotSecurityUpdates } from '@cdktf/provider-github/lib/repository-dependabot-security-updates';
import { RepositoryFile } from '@cdktf/provider-github/lib/repository-file';
import { Team } from '@cdktf/provider-github/lib/team';
import { TeamRepository } from '@cdktf/provider-github/lib/team-repository';
import { DeploymentV1 } from '@cdktf/provider-kubernetes/lib/deployment-v1';
import { HorizontalPodAutoscalerV2 } from '@cdktf/provider-kubernetes/lib/horizontal-pod-autoscaler-v2';
import { Manifest } from '@cdktf/provider-kubernetes/lib/manifest';
import { NamespaceV1 } from '@cdktf/provider-kubernetes/lib/namespace-v1';
import { NetworkPolicyV1 } from '@cdktf/provider-kubernetes/lib/network-policy-v1';
import { PodDisruptionBudgetV1 } from '@cdktf/provider-kubernetes/lib/pod-disruption-budget-v1';
import { KubernetesProvider } from '@cdktf/provider-kubernetes/lib/provider';
import { ServiceAccountV1 } from '@cdktf/provider-kubernetes/lib/service-account-v1';
import { ServiceV1 } from '@cdktf/provider-kubernetes/lib/service-v1';
import { App, Fn, LocalBackend, TerraformStack } from 'cdktf';
import { buildBareBootstrap } from './bare-bootstrap';
import { BENCH_TEAMS, benchSettings, serviceName } from './generated-organisation';

export function buildBareOrganisation(app: App, count: number): void {
  const settings = benchSettings();
  const github = new TerraformStack(app, 'github');
  new LocalBackend(github, { path: '../../../terraform.github.tfstate' });
  new GithubProvider(github, 'github', { owner: settings.githubOwner });
  buildBareBootstrap(app, settings);
  const teams = Array.from({ length: BENCH_TEAMS }, (_, t) => new Team(github, `team-${t}`, { name: `team-${t}`, description: `Team ${t}`, privacy: 'closed' }));
  const platformTeam = teams[Object.keys(settings.teams).indexOf(settings.platformTeam)];

  for (const [env, e] of Object.entries(settings.environments).sort(([a], [b]) => (a < b ? -1 : 1))) {
    const aws = new TerraformStack(app, `${env}-aws`);
    new LocalBackend(aws, { path: `../../../terraform.${env}-aws.tfstate` });
    new AwsProvider(aws, 'aws', { region: e.region, allowedAccountIds: [e.accountId], defaultTags: [{ tags: { environment: env, organisation: 'bench' } }] });
    const tags = { owner: 'team-0', service: 'network', 'cost-center': 'CC-1000' };
    const vpc = new Vpc(aws, 'vpc', { cidrBlock: e.cidr, enableDnsHostnames: true, enableDnsSupport: true, tags });
    new DefaultSecurityGroup(aws, 'default-sg', { vpcId: vpc.id, tags });
    const igw = new InternetGateway(aws, 'igw', { vpcId: vpc.id, tags });
    const publicRoutes = new RouteTable(aws, 'public', { vpcId: vpc.id, route: [{ cidrBlock: '0.0.0.0/0', gatewayId: igw.id }], tags });
    const zones = e.production ? ['a', 'b', 'c'] : ['a', 'b'];
    const nats: NatGateway[] = [];
    const privateSubnets: Subnet[] = [];
    const privateRoutes: RouteTable[] = [];
    zones.forEach((z, i) => {
      const pub = new Subnet(aws, `public-${z}`, { vpcId: vpc.id, availabilityZone: `${e.region}${z}`, cidrBlock: `10.${e.production ? 20 : 10}.${i * 32}.0/19`, tags });
      new RouteTableAssociation(aws, `public-${z}-routes`, { subnetId: pub.id, routeTableId: publicRoutes.id });
      if (e.production || i === 0) nats.push(new NatGateway(aws, `nat-${z}`, { allocationId: new Eip(aws, `eip-${z}`, { domain: 'vpc', tags }).id, subnetId: pub.id, tags }));
    });
    zones.forEach((z, i) => {
      const priv = new Subnet(aws, `private-${z}`, { vpcId: vpc.id, availabilityZone: `${e.region}${z}`, cidrBlock: `10.${e.production ? 20 : 10}.${128 + i * 32}.0/19`, tags });
      const routes = new RouteTable(aws, `private-${z}-routes`, { vpcId: vpc.id, route: [{ cidrBlock: '0.0.0.0/0', natGatewayId: nats[i % nats.length].id }], tags });
      new RouteTableAssociation(aws, `private-${z}-association`, { subnetId: priv.id, routeTableId: routes.id });
      privateSubnets.push(priv);
      privateRoutes.push(routes);
    });
    const flowLogs = new CloudwatchLogGroup(aws, 'flow-logs', { name: `/bench/${env}/flow-logs`, retentionInDays: 30, tags });
    const flowRole = new IamRole(aws, 'flow-role', { name: `bench-${env}-flow`, assumeRolePolicy: Fn.jsonencode({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'vpc-flow-logs.amazonaws.com' }, Action: 'sts:AssumeRole' }] }), tags });
    new IamRolePolicy(aws, 'flow-policy', { role: flowRole.id, policy: Fn.jsonencode({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['logs:PutLogEvents'], Resource: flowLogs.arn }] }) });
    new FlowLog(aws, 'flow-log', { vpcId: vpc.id, trafficType: 'REJECT', logDestination: flowLogs.arn, iamRoleArn: flowRole.arn, tags });
    const logsKey = new KmsKey(aws, 'logs-key', { description: `Encrypts the CloudWatch log groups of bench-${env}`, enableKeyRotation: true, policy: '{}', tags });
    new KmsAlias(aws, 'logs-key-alias', { name: `alias/bench-${env}-logs`, targetKeyId: logsKey.keyId });
    // The VPC endpoints of the AWS APIs the services call, so that their egress stays inside the VPC.
    const endpointsSg = new SecurityGroup(aws, 'endpoints-sg', { name: `bench-${env}-aws-endpoints`, description: 'VPC endpoints of AWS APIs: HTTPS from the VPC only', vpcId: vpc.id, tags });
    new VpcSecurityGroupIngressRule(aws, 'endpoints-https', { securityGroupId: endpointsSg.id, ipProtocol: 'tcp', fromPort: 443, toPort: 443, cidrIpv4: e.cidr, tags });
    new VpcEndpoint(aws, 'endpoint-s3', { vpcId: vpc.id, serviceName: `com.amazonaws.${e.region}.s3`, vpcEndpointType: 'Gateway', routeTableIds: privateRoutes.map((r) => r.id), tags });
    for (const api of ['sqs', 'sts']) {
      new VpcEndpoint(aws, `endpoint-${api}`, { vpcId: vpc.id, serviceName: `com.amazonaws.${e.region}.${api}`, vpcEndpointType: 'Interface', privateDnsEnabled: true, subnetIds: privateSubnets.map((s) => s.id), securityGroupIds: [endpointsSg.id], tags });
    }

    const k8s = new TerraformStack(app, `${env}-kubernetes`);
    new LocalBackend(k8s, { path: `../../../terraform.${env}-kubernetes.tfstate` });
    new KubernetesProvider(k8s, 'kubernetes', { configPath: '~/.kube/config', configContext: env });

    for (let t = 0; t < Math.min(count, BENCH_TEAMS); t++) {
      const teamTags = { owner: `team-${t}`, service: `team-${t}-alerts`, 'cost-center': `CC-${1000 + t}` };
      const key = new KmsKey(aws, `alerts-${t}-key`, { enableKeyRotation: true, policy: '{}', tags: teamTags });
      new KmsAlias(aws, `alerts-${t}-alias`, { name: `alias/bench-team-${t}-${env}`, targetKeyId: key.keyId });
      new SnsTopic(aws, `alerts-${t}-topic`, { name: `bench-team-${t}-alerts-${env}`, kmsMasterKeyId: key.arn, tags: teamTags });
    }
    for (let i = 0; i < count; i++) {
      const name = serviceName(i);
      const owner = `team-${i % BENCH_TEAMS}`;
      const svcTags = { owner, service: name, 'cost-center': `CC-${1000 + (i % BENCH_TEAMS)}` };
      const sg = new SecurityGroup(aws, `${name}-sg`, { name: `${name}-${env}-service`, vpcId: vpc.id, tags: svcTags });
      // Bounded egress: DNS in the VPC and HTTPS to the AWS API endpoints; callers in the VPC on the container port.
      new VpcSecurityGroupEgressRule(aws, `${name}-egress-aws-apis`, { securityGroupId: sg.id, ipProtocol: 'tcp', fromPort: 443, toPort: 443, referencedSecurityGroupId: endpointsSg.id, tags: svcTags });
      for (const protocol of ['tcp', 'udp']) {
        new VpcSecurityGroupEgressRule(aws, `${name}-egress-dns-${protocol}`, { securityGroupId: sg.id, ipProtocol: protocol, fromPort: 53, toPort: 53, cidrIpv4: e.cidr, tags: svcTags });
      }
      new VpcSecurityGroupIngressRule(aws, `${name}-ingress`, { securityGroupId: sg.id, ipProtocol: 'tcp', fromPort: 8080, toPort: 8080, cidrIpv4: e.cidr, tags: svcTags });
      const role = new IamRole(aws, `${name}-role`, {
        name: `${name}-${env}`,
        assumeRolePolicy: Fn.jsonencode({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Federated: e.kubernetes.oidcIssuer }, Action: 'sts:AssumeRoleWithWebIdentity' }] }),
        tags: svcTags,
      });
      new CloudwatchLogGroup(aws, `${name}-logs`, { name: `/groundwork/${env}/${name}`, retentionInDays: 30, tags: svcTags });
      new CloudwatchDashboard(aws, `${name}-dashboard`, { dashboardName: `${name}-${env}`, dashboardBody: JSON.stringify({ widgets: [] }) });

      const labels = { 'app.kubernetes.io/name': name, ...svcTags, environment: env };
      const selector = { 'app.kubernetes.io/name': name };
      const metadata = { name, namespace: name, labels };
      const ns = new NamespaceV1(k8s, `${name}-ns`, { metadata: { name, labels } });
      new ServiceAccountV1(k8s, `${name}-sa`, { metadata: { ...metadata, annotations: { 'eks.amazonaws.com/role-arn': role.arn } }, dependsOn: [ns] });
      const deployment = new DeploymentV1(k8s, `${name}-deployment`, {
        metadata,
        spec: {
          replicas: '1',
          selector: { matchLabels: selector },
          template: {
            metadata: { labels },
            spec: {
              serviceAccountName: name,
              securityContext: { runAsNonRoot: true },
              container: [
                {
                  name,
                  image: `ghcr.io/bench-org/${name}:1.0.0`,
                  port: [{ containerPort: 8080 }],
                  resources: { requests: { cpu: '250m', memory: '512Mi' }, limits: { cpu: '500m', memory: '512Mi' } },
                  readinessProbe: { httpGet: { path: '/readyz', port: '8080' } },
                  livenessProbe: { httpGet: { path: '/healthz', port: '8080' } },
                },
              ],
            },
          },
        },
      });
      new ServiceV1(k8s, `${name}-service`, { metadata, spec: { selector, port: [{ port: 80, targetPort: '8080' }] } });
      new HorizontalPodAutoscalerV2(k8s, `${name}-hpa`, { metadata, spec: { minReplicas: 1, maxReplicas: 3, scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: deployment.metadata.name } } });
      new PodDisruptionBudgetV1(k8s, `${name}-pdb`, { metadata, spec: { maxUnavailable: '1', selector: { matchLabels: selector } } });
      // The pods get the service's security group (SecurityGroupPolicy); the namespace denies all but DNS and HTTPS in the VPC.
      new Manifest(k8s, `${name}-security-group-policy`, {
        manifest: { apiVersion: 'vpcresources.k8s.aws/v1beta1', kind: 'SecurityGroupPolicy', metadata: { name: 'service-security-group', namespace: name, labels }, spec: { podSelector: { matchLabels: selector }, securityGroups: { groupIds: [sg.id] } } },
        dependsOn: [ns],
      });
      new NetworkPolicyV1(k8s, `${name}-default-deny`, { metadata: { name: 'default-deny', namespace: name, labels }, spec: { podSelector: {}, policyTypes: ['Ingress', 'Egress'] }, dependsOn: [ns] });
      new NetworkPolicyV1(k8s, `${name}-allow`, {
        metadata: { name: 'allow-golden-path', namespace: name, labels },
        spec: {
          podSelector: { matchLabels: selector },
          policyTypes: ['Egress'],
          egress: [
            { ports: [{ port: '53', protocol: 'UDP' }, { port: '53', protocol: 'TCP' }], to: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } }, podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } } }] },
            { ports: [{ port: '443', protocol: 'TCP' }], to: [{ ipBlock: { cidr: e.cidr } }] },
          ],
        },
        dependsOn: [ns],
      });
    }
  }
  for (let i = 0; i < count; i++) {
    const name = serviceName(i);
    const repo = new Repository(github, `${name}-repo`, { name, visibility: 'private', topics: [`service-${name}`] });
    new BranchProtection(github, `${name}-protection`, { repositoryId: repo.nodeId, pattern: 'main', requiredPullRequestReviews: [{ requiredApprovingReviewCount: 1 }] });
    new RepositoryFile(github, `${name}-codeowners`, { repository: repo.name, file: '.github/CODEOWNERS', content: `* @bench-org/team-${i % BENCH_TEAMS}\n` });
    new RepositoryFile(github, `${name}-ci-workflow`, { repository: repo.name, file: '.github/workflows/ci.yml', content: ciWorkflow(name), commitMessage: 'Set the CI workflow', overwriteOnCreate: true });
    new TeamRepository(github, `${name}-team`, { teamId: teams[i % BENCH_TEAMS].id, repository: repo.name, permission: 'maintain' });
    // The platform team maintains every repository it does not own already.
    if (`team-${i % BENCH_TEAMS}` !== settings.platformTeam) new TeamRepository(github, `${name}-platform-team`, { teamId: platformTeam.id, repository: repo.name, permission: 'maintain' });
    new RepositoryDependabotSecurityUpdates(github, `${name}-dependabot-security-updates`, { repository: repo.name, enabled: true });
    // The dependabot configuration and the docs skeleton the platform writes, at about their sizes.
    for (const [id, file, size] of [['dependabot', '.github/dependabot.yml', 380], ['adr', 'docs/adr/0001-record-architecture-decisions.md', 450], ['index', 'docs/index.md', 540], ['mkdocs', 'mkdocs.yml', 390], ['runbook', 'docs/runbook.md', 2100]] as const) {
      // Prose, not a run of one character: cdktf's number-token pattern backtracks quadratically on long runs of '-' or digits.
      const line = `Text of ${file}, as the template writes it for ${name}.\n`;
      new RepositoryFile(github, `${name}-${id}`, { repository: repo.name, file, content: `# ${file}\n${line.repeat(Math.ceil(size / line.length))}`, commitMessage: `Add ${file}`, overwriteOnCreate: true });
    }
  }
}

/** A CI workflow of the size the platform's template writes (~1.1 KB), for the same repository file per service. */
function ciWorkflow(name: string): string {
  const checkout = '      - uses: actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683 # v4.2.2\n        with:\n          persist-credentials: false\n';
  return `# CI of ${name}.\nname: ci\n\non:\n  pull_request:\n  push:\n    branches: [main]\n\npermissions:\n  contents: read\n\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n${checkout}      - name: Build and test\n        run: docker build --target test .\n\n  push:\n    needs: build\n    if: github.ref == 'refs/heads/main'\n    runs-on: ubuntu-latest\n    permissions:\n      contents: read\n      packages: write\n    env:\n      IMAGE: ghcr.io/bench-org/${name}\n      REGISTRY: ghcr.io\n    steps:\n${checkout}      - name: Push the image\n        env:\n          TOKEN: $\${{ secrets.GITHUB_TOKEN }}\n        run: |\n          echo "$TOKEN" | docker login "$REGISTRY" --username "$GITHUB_ACTOR" --password-stdin\n          docker build --tag "$IMAGE:$GITHUB_SHA" .\n          docker push "$IMAGE:$GITHUB_SHA"\n`;
}
