/**
 * A realistic `terraform show -json` plan of any size, streamed to disk (never held whole): teams'
 * services of EC2 instances, S3 buckets, RDS databases and SQS queues with ownership tags, in the
 * root module and in one module per service group, each with its resource_changes entry (after,
 * after_unknown, sensitivity) and its configuration block (expressions, references).
 * `writeGeneratedPlan(file, { bytes })` stops adding resources once the file reaches that size.
 */
import * as fs from 'fs';

const TEAMS = ['payments', 'storefront', 'search', 'platform', 'data'];
const ENVIRONMENTS = ['staging', 'production'];
/** Resources per module call: about a fifth of them sit in modules, as in real plans. */
const PER_MODULE = 50;

interface Generated {
  readonly address: string;
  readonly moduleName?: string;
  readonly type: string;
  readonly name: string;
  readonly values: Record<string, unknown>;
  readonly unknown: Record<string, unknown>;
  readonly expressions: Record<string, unknown>;
}

function resource(i: number): Generated {
  const team = TEAMS[i % TEAMS.length];
  const environment = ENVIRONMENTS[(i >> 2) % ENVIRONMENTS.length];
  const service = `svc-${Math.floor(i / 8)}`;
  const tags = { CostCenter: `CC-${2000 + (i % TEAMS.length)}`, Environment: environment, Service: service, Team: team };
  const moduleName = i % 5 === 4 ? `group_${Math.floor(i / (5 * PER_MODULE))}` : undefined;
  const name = `r${i}`;
    // Tags through the provider's default_tags, as most organisations set them: the resource's own tags are null.
  const common = { tags: null, tags_all: tags };
  const [type, values, unknown, expressions]: [string, Record<string, unknown>, Record<string, unknown>, Record<string, unknown>] = (() => {
    switch (i % 4) {
      case 0:
        return ['aws_instance', { ami: 'ami-0c55b159cbfafe1f0', instance_type: i % 3 ? 't3.small' : 'm5.large', ...common, root_block_device: [{ volume_size: 20, volume_type: 'gp3' }] }, { arn: true, id: true, subnet_id: true, root_block_device: [{ iops: true }], tags_all: {} }, { instance_type: { constant_value: 't3.small' }, subnet_id: { references: [`aws_subnet.s${i % 7}.id`, `aws_subnet.s${i % 7}`] }}];
      case 1:
        return ['aws_s3_bucket', { bucket: `${service}-assets-${i}`, force_destroy: false, ...common }, { arn: true, id: true, region: true, tags_all: {} }, { bucket: { constant_value: `${service}-assets` }}];
      case 2:
        return ['aws_db_instance', { allocated_storage: 50, engine: 'postgres', instance_class: 'db.t3.micro', multi_az: environment === 'production', storage_encrypted: true, ...common }, { arn: true, endpoint: true, id: true, tags_all: {} }, { engine: { constant_value: 'postgres' }, instance_class: { constant_value: '${var.instance_class}', references: ['var.instance_class'] }}];
      default:
        return ['aws_sqs_queue', { name: `${service}-orders-${i}`, fifo_queue: false, ...common }, { arn: true, id: true, url: true, redrive_policy: true, tags_all: {} }, { name: { constant_value: `${service}-orders` }, redrive_policy: { references: [`aws_sqs_queue.dlq${i % 3}.arn`, `aws_sqs_queue.dlq${i % 3}`] }}];
    }
  })();
  const address = moduleName ? `module.${moduleName}.${type}.${name}` : `${type}.${name}`;
  return { address, moduleName, type, name, values, unknown, expressions };
}

/** Writes text to a file in large blocks, so the plan is never one string. */
class BlockWriter {
  private parts: string[] = [];
  private size = 0;
  written = 0;
  constructor(private readonly fd: number) {}
  write(text: string): void {
    this.parts.push(text);
    this.size += text.length;
    if (this.size > 1 << 20) this.flush();
  }
  flush(): void {
    const block = Buffer.from(this.parts.join(''));
    fs.writeSync(this.fd, block);
    this.written += block.length;
    this.parts = [];
    this.size = 0;
  }
}

/** The three per-resource sections of a plan, each written as its own pass over the same resources. */
type Section = 'planned' | 'changes' | 'configuration';

function sectionText(section: Section, r: Generated): string {
  const local = r.moduleName ? `${r.type}.${r.name}` : r.address;
  if (section === 'planned') return JSON.stringify({ address: r.address, mode: 'managed', name: r.name, provider_name: 'registry.terraform.io/hashicorp/aws', schema_version: 0, sensitive_values: { tags_all: {} }, type: r.type, values: r.values });
  if (section === 'changes') return JSON.stringify({ address: r.address, ...(r.moduleName ? { module_address: `module.${r.moduleName}` } : {}), mode: 'managed', name: r.name, provider_name: 'registry.terraform.io/hashicorp/aws', type: r.type, change: { actions: ['create'], before: null, after: r.values, after_unknown: r.unknown, before_sensitive: false, after_sensitive: { tags_all: {} } } });
  return JSON.stringify({ address: local, mode: 'managed', type: r.type, name: r.name, provider_config_key: 'aws', expressions: r.expressions, schema_version: 0 });
}

/** Streams a plan of about `bytes` bytes to `file`; returns how many resources it holds and its size. */
export function writeGeneratedPlan(file: string, { bytes }: { bytes: number }): { resources: number; bytes: number } {
  // Each resource takes about this many bytes over the three sections: the count is fixed first, so every section lists the same resources.
  const perResource = [0, 1, 2, 3].map((i) => (['planned', 'changes', 'configuration'] as Section[]).reduce((sum, s) => sum + sectionText(s, resource(i)).length + 1, 0)).reduce((a, b) => a + b) / 4;
  const count = Math.max(1, Math.floor(bytes / perResource));
  const fd = fs.openSync(file, 'w');
  const out = new BlockWriter(fd);
  try {
    out.write('{"format_version":"1.2","terraform_version":"1.11.4","variables":{"instance_class":{"value":"db.t3.micro"},"region":{"value":"eu-west-1"},"tags":{"value":{"Team":"platform"}}},');
    // planned_values: root resources, then one child module per group.
    out.write('"planned_values":{"root_module":{"resources":[');
    let first = true;
    for (let i = 0; i < count; i++) {
      const r = resource(i);
      if (r.moduleName) continue;
      out.write(`${first ? '' : ','}${sectionText('planned', r)}`);
      first = false;
    }
    out.write('],"child_modules":[');
    const groups = Math.ceil(count / (5 * PER_MODULE));
    for (let g = 0; g < groups; g++) {
      out.write(`${g ? ',' : ''}{"address":"module.group_${g}","resources":[`);
      let firstInModule = true;
      for (let i = g * 5 * PER_MODULE + 4; i < Math.min(count, (g + 1) * 5 * PER_MODULE); i += 5) {
        out.write(`${firstInModule ? '' : ','}${sectionText('planned', resource(i))}`);
        firstInModule = false;
      }
      out.write(']}');
    }
    out.write(']}},"resource_changes":[');
    for (let i = 0; i < count; i++) out.write(`${i ? ',' : ''}${sectionText('changes', resource(i))}`);
    // configuration: one block per resource (no count), root and one module call per group.
    out.write('],"configuration":{"provider_config":{"aws":{"name":"aws","full_name":"registry.terraform.io/hashicorp/aws","expressions":{"region":{"constant_value":"eu-west-1"}}}},"root_module":{"resources":[');
    first = true;
    for (let i = 0; i < count; i++) {
      const r = resource(i);
      if (r.moduleName) continue;
      out.write(`${first ? '' : ','}${sectionText('configuration', r)}`);
      first = false;
    }
    out.write('],"module_calls":{');
    for (let g = 0; g < groups; g++) {
      out.write(`${g ? ',' : ''}"group_${g}":{"source":"./modules/group","module":{"resources":[`);
      let firstInModule = true;
      for (let i = g * 5 * PER_MODULE + 4; i < Math.min(count, (g + 1) * 5 * PER_MODULE); i += 5) {
        out.write(`${firstInModule ? '' : ','}${sectionText('configuration', resource(i))}`);
        firstInModule = false;
      }
      out.write(']}}');
    }
    out.write('}}},"timestamp":"2026-01-01T00:00:00Z","applyable":true,"complete":true,"errored":false}\n');
    out.flush();
  } finally {
    fs.closeSync(fd);
  }
  return { resources: count, bytes: out.written };
}
