import * as fs from 'fs';
import * as path from 'path';
import { GroundworkError } from '../../model/errors';
import { readJsonFile } from '../../model/read-json';
import usageSchema from '../schema/usage.schema.json';
import { compile, schemaProblems } from '../../model/schema-validator';

/** Monthly usage of the usage-priced items. */
export interface UsageFigures {
  readonly s3StorageGb: number;
  readonly s3PutRequestsThousands: number;
  readonly s3GetRequestsThousands: number;
  readonly sqsRequestsMillions: number;
  readonly deadLetterRequestsMillions: number;
  readonly logIngestedGb: number;
  readonly natProcessedGb: number;
  readonly loadBalancerCapacityUnits: number;
  readonly auroraStorageGb: number;
  readonly auroraIoMillions: number;
  readonly secretsApiCallsTenThousands: number;
  readonly cdnTransferGb: number;
  readonly cdnRequestsTenThousands: number;
  readonly snsRequestsMillions: number;
  readonly jobRunMinutes: number;
  readonly kmsKeyAgeYears: number;
  readonly efsStorageGb: number;
  readonly route53QueriesMillions: number;
  readonly wafRequestsMillions: number;
  readonly vpcEndpointProcessedGb: number;
}

/** The documented defaults, used where no usage file says otherwise. */
export const DEFAULT_USAGE: UsageFigures = {
  s3StorageGb: 50,
  s3PutRequestsThousands: 100,
  s3GetRequestsThousands: 1000,
  sqsRequestsMillions: 5,
  deadLetterRequestsMillions: 0,
  logIngestedGb: 5,
  natProcessedGb: 100,
  loadBalancerCapacityUnits: 1,
  auroraStorageGb: 20,
  auroraIoMillions: 10,
  secretsApiCallsTenThousands: 1,
  cdnTransferGb: 100,
  cdnRequestsTenThousands: 100,
  snsRequestsMillions: 0.1,
  jobRunMinutes: 10,
  kmsKeyAgeYears: 1,
  efsStorageGb: 0,
  route53QueriesMillions: 0,
  wafRequestsMillions: 0,
  vpcEndpointProcessedGb: 0,
};

interface UsageFile {
  service?: string;
  usage?: Partial<UsageFigures>;
  environments?: Record<string, Partial<UsageFigures>>;
  kubernetes?: { vcpuHourUsd?: string; gibHourUsd?: string };
}

const validate = compile<UsageFile>(usageSchema);

/** Usage per service and environment: defaults < usage/defaults.json < usage/<service>.json (< its environment). */
export class Usage {
  static readonly NONE = new Usage({}, {});

  /** Reads `defaults.json` and `<service>.json` files of a folder; a missing folder means defaults only. */
  static load(folder: string | undefined): Usage {
    if (!folder || !fs.existsSync(folder)) return Usage.NONE;
    const files: Record<string, UsageFile> = {};
    for (const file of fs.readdirSync(folder).filter((f) => f.endsWith('.json')).sort()) {
      const shown = path.join(path.basename(folder), file);
      const json = readJsonFile(path.join(folder, file), `The usage file ${shown}`);
      if (!validate(json)) throw new GroundworkError(`The usage file ${shown} is invalid:`, schemaProblems(validate));
      const name = file.replace(/\.json$/, '');
      if (name !== 'defaults' && json.service !== undefined && json.service !== name) {
        throw new GroundworkError(`The usage file ${shown} says service "${json.service}"; the file of service "${json.service}" is ${json.service}.json.`);
      }
      files[name] = json;
    }
    const { defaults, ...services } = files;
    return new Usage(defaults ?? {}, services);
  }

  private constructor(
    private readonly defaults: UsageFile,
    private readonly services: Readonly<Record<string, UsageFile>>,
  ) {}

  /** Figures for one service in one environment; either may be unknown (untagged resources). */
  figures(service?: string, environment?: string): UsageFigures {
    const own = service ? this.services[service] : undefined;
    return {
      ...DEFAULT_USAGE,
      ...this.defaults.usage,
      ...(environment ? this.defaults.environments?.[environment] : {}),
      ...own?.usage,
      ...(environment ? own?.environments?.[environment] : {}),
    };
  }

  /** Node price overrides (USD per vCPU-hour / GiB-hour), from the service's file or the defaults. */
  kubernetesPrices(service?: string): { vcpuHourUsd?: string; gibHourUsd?: string } {
    return { ...this.defaults.kubernetes, ...(service ? this.services[service]?.kubernetes : {}) };
  }

  /** Services with a usage file, for the report's assumptions. */
  get serviceFiles(): string[] {
    return Object.keys(this.services).sort();
  }
}
