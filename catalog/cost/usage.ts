import * as fs from 'fs';
import * as path from 'path';
import { GroundworkError } from '../../model/errors';
import { readJsonFile } from '../../model/read-json';
import usageSchema from '../schema/usage.schema.json';
import { compile, schemaProblems } from '../../model/schema-validator';
import { USAGE_FIGURES } from '../resource-types/tables';

/** Monthly usage of the usage-priced items, by figure name (each declared by the resource type that reads it). */
export type UsageFigures = Readonly<Record<string, number>>;

/** The documented defaults, used where no usage file says otherwise. */
export const DEFAULT_USAGE: UsageFigures = Object.fromEntries(Object.entries(USAGE_FIGURES).map(([name, figure]) => [name, figure.default]));

interface UsageFile {
  service?: string;
  usage?: Readonly<Record<string, number>>;
  environments?: Record<string, Readonly<Record<string, number>>>;
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
