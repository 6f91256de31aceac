/**
 * The issue forms as data: each field's id, label, kind and choices, built from the golden paths'
 * option definitions and the organisation settings. The generator writes them as GitHub issue forms
 * (`npm run issue-forms`); the parser reads a submitted form's body by the same fields, so the two
 * cannot disagree.
 */
import { GoldenPathOption } from '../../golden-paths/golden-path-definition';
import { REPLICA_OPTIONS, storeOptions } from '../../golden-paths/golden-path-definition';
import { goldenPaths } from '../../golden-paths/registry';
import { ISSUE_FORM_FILES, type OrganisationSettings } from '../../model/organisation-settings';
import { DATABASE_SIZES } from '../add-data-store';
import { offeredOptions } from '../mcp/golden-path-schemas';

export type FieldKind = 'input' | 'textarea' | 'dropdown' | 'checkboxes';

export interface FormField {
  /** The form element's id; for golden-path options, the new-service flag. */
  readonly id: string;
  /** The heading GitHub writes above the value in the issue body. */
  readonly label: string;
  readonly kind: FieldKind;
  readonly description: string;
  readonly required: boolean;
  /** Dropdown options, or checkbox labels. */
  readonly options?: readonly string[];
  /** Checkboxes: the flag each checkbox label sets to true. */
  readonly flags?: Readonly<Record<string, string>>;
  /** Golden-path options: the paths that offer it (all when undefined). */
  readonly paths?: readonly string[];
  /** Golden-path options: whole numbers. */
  readonly integer?: boolean;
}

export interface IssueForm {
  /** The file under .github/ISSUE_TEMPLATE and the label the form puts on its issues. */
  readonly file: string;
  readonly label: string;
  readonly name: string;
  readonly description: string;
  readonly title: string;
  readonly intro: string;
  readonly fields: readonly FormField[];
}

/** The label GitHub shows: the flag's words, the first capitalised (time-zone -> Time zone). */
const labelOf = (flag: string) => `${flag[0].toUpperCase()}${flag.slice(1).replace(/-/g, ' ')}`;

function optionDescription(o: GoldenPathOption, paths: readonly string[] | undefined): string {
  const range = o.min !== undefined ? `; ${o.min} to ${o.max}` : '';
  const only = paths ? ` Only for ${paths.join(', ')}${o.required ? ', where it is required' : ''}.` : '';
  const rule = o.required ? (range ? ` (${range.slice(2)})` : '') : ` (default: ${o.default}${range})`;
  return `${o.description[0].toUpperCase()}${o.description.slice(1)}${rule}.${only}`;
}

/** The options new-service offers for some golden path, each once, in the order the paths list them. */
function unionOfOptions(): Array<{ option: GoldenPathOption; paths: string[] }> {
  const all = goldenPaths();
  const byFlag = new Map<string, { option: GoldenPathOption; paths: string[] }>();
  for (const definition of all) for (const option of offeredOptions(definition)) {
    const seen = byFlag.get(option.flag);
    if (seen) seen.paths.push(definition.name);
    else byFlag.set(option.flag, { option, paths: [definition.name] });
  }
  return [...byFlag.values()].map(({ option, paths }) => ({ option, paths: paths.length === all.length ? [] : paths }));
}

/** The new-service form: the service's name, path, owner, cost center and tags, then every option of every path. */
export function newServiceForm(settings: OrganisationSettings): IssueForm {
  const options = unionOfOptions();
  const switches = options.filter(({ option }) => option.type === 'boolean');
  const checkboxLabel = ({ option, paths }: { option: GoldenPathOption; paths: string[] }) => `${option.flag}: ${option.description}${paths.length ? ` (${paths.join(', ')})` : ''}`;
  const tagKeys = Object.keys(settings.tagKeys ?? {}).sort();
  return {
    file: ISSUE_FORM_FILES.newService,
    label: 'new-service',
    name: 'New service',
    description: 'Propose a new service from a golden path: validated as npm run new-service validates it, it lands as a pull request.',
    title: 'New service: ',
    intro: 'The platform validates this form with the same code as `npm run new-service` and opens a pull request with the new service, or comments on this issue why not. Leave a field empty for its default.',
    fields: [
      { id: 'golden-path', label: 'Golden path', kind: 'dropdown', description: goldenPaths().map((p) => `${p.name}: ${p.summary}`).join(' '), required: true, options: goldenPaths().map((p) => p.name) },
      { id: 'name', label: 'Service name', kind: 'input', description: 'Lowercase letters, digits and hyphens, a letter first, at most 63 characters.', required: true },
      { id: 'owner', label: 'Owning team', kind: 'dropdown', description: 'The team from stacks/organisation.json that owns the service; you must belong to it.', required: true, options: Object.keys(settings.teams).sort() },
      { id: 'cost-center', label: 'Cost center', kind: 'input', description: "One of the team's cost centers (default: its first).", required: false },
      { id: 'tags', label: 'Tags', kind: 'textarea', description: `Organisation-defined ownership keys, one key=value per line${tagKeys.length ? ` (keys: ${tagKeys.join(', ')})` : ''}.`, required: false },
      ...options
        .filter(({ option }) => option.type !== 'boolean')
        .map(({ option, paths }): FormField => ({
          id: option.flag,
          label: labelOf(option.flag),
          kind: option.choices ? 'dropdown' : 'input',
          description: optionDescription(option, paths.length ? paths : undefined),
          required: Boolean(option.required) && !paths.length,
          ...(option.choices ? { options: [...option.choices] } : {}),
          ...(paths.length ? { paths } : {}),
          ...(option.type === 'integer' ? { integer: true } : {}),
        })),
      {
        id: 'switches',
        label: 'Data stores and switches',
        kind: 'checkboxes',
        description: 'Tick what the service gets; each applies to the golden paths named beside it (all when none are named).',
        required: false,
        options: switches.map(checkboxLabel),
        flags: Object.fromEntries(switches.map((s) => [checkboxLabel(s), s.option.flag])),
      },
    ],
  };
}

/** The scale form: a service's minimum replicas, in every environment or one, within its golden path's range. */
export function scaleForm(settings: OrganisationSettings): IssueForm {
  const replicas = REPLICA_OPTIONS.find((o) => o.flag === 'replicas')!;
  return {
    file: ISSUE_FORM_FILES.scale,
    label: 'scale',
    name: 'Scale a service',
    description: "Propose a service's minimum replicas: checked as npm run ops -- scale checks it, it lands as a pull request.",
    title: 'Scale: ',
    intro: "The platform checks this form with the same code as `npm run ops -- scale` (the golden path's range, the service's maxReplicas) and opens a pull request that writes the change into the service's definition, or comments on this issue why not. The next deploy applies it.",
    fields: [
      { id: 'service', label: 'Service', kind: 'input', description: 'The service, as named in the catalog; you must belong to its owning team.', required: true },
      { id: 'replicas', label: 'Minimum replicas', kind: 'input', description: `A whole number from ${replicas.min} to ${replicas.max}, at most the service's maxReplicas.`, required: true, integer: true },
      { id: 'environment', label: 'Environment', kind: 'dropdown', description: 'One environment; leave empty for every environment.', required: false, options: Object.keys(settings.environments).sort() },
    ],
  };
}

/** The add-a-data-store form: a service and the store its golden path offers (a database with its size). */
export function addDataStoreForm(): IssueForm {
  const stores = storeOptions(true);
  return {
    file: ISSUE_FORM_FILES.addDataStore,
    label: 'data-store',
    name: 'Add a data store',
    description: "Propose a database, queue or bucket for a service: checked against its golden path's options, it lands as a pull request.",
    title: 'Data store: ',
    intro: "The platform checks this form with the same code as the MCP server's `propose_add_data_store` (the service's golden path must offer the store, and the service must not have one) and opens a pull request that writes it into the service's definition, or comments on this issue why not. Its checks show the cost; the next deploy creates it.",
    fields: [
      { id: 'service', label: 'Service', kind: 'input', description: 'The service, as named in the catalog; you must belong to its owning team.', required: true },
      { id: 'store', label: 'Data store', kind: 'dropdown', description: stores.map((o) => `${o.flag}: ${o.description}.`).join(' '), required: true, options: stores.map((o) => o.flag) },
      { id: 'size', label: 'Database size', kind: 'dropdown', description: `For a database only (default: ${DATABASE_SIZES[0]}).`, required: false, options: [...DATABASE_SIZES] },
    ],
  };
}

export const issueForms = (settings: OrganisationSettings): IssueForm[] => [newServiceForm(settings), scaleForm(settings), addDataStoreForm()];
