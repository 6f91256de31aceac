/**
 * A submitted issue form as the arguments of the MCP propose tool that makes the same change
 * (propose_new_<path>, propose_scale): the form's values typed as the tool takes them, and every
 * rule beyond that left to the tool and the code behind it (new-service's planScaffold, ops's
 * planScale), so a form, an agent and the command line are held to the same checks.
 */
import { goldenPath } from '../../golden-paths/registry';
import { GroundworkError } from '../../model/errors';
import type { OrganisationSettings } from '../../model/organisation-settings';
import { newServiceToolName } from '../mcp/golden-path-schemas';
import { FieldValue, parseFormBody, shown } from './form-body';
import { FormField, IssueForm, issueForms } from './form-fields';

export interface FormRequest {
  readonly form: IssueForm;
  /** The MCP action tool that proposes the change. */
  readonly tool: string;
  readonly args: Record<string, unknown>;
}

const refuse = (sentence: string): never => {
  throw new GroundworkError(sentence);
};

/** The one form an issue's labels name. */
export function formOf(settings: OrganisationSettings, labels: readonly string[]): IssueForm {
  const forms = issueForms(settings).filter((f) => labels.includes(f.label));
  if (forms.length !== 1) refuse(`The issue must carry exactly one of the labels ${issueForms(settings).map((f) => f.label).join(', ')} (it has ${forms.length ? forms.map((f) => f.label).join(' and ') : 'none of them'}).`);
  return forms[0];
}

function typed(form: IssueForm, field: FormField, value: string): string | number {
  if (!field.integer) return value;
  return /^[0-9]{1,9}$/.test(value) ? Number(value) : refuse(`The ${form.name} form's field "${field.label}" must be a whole number, not ${shown(value)}.`);
}

function tagsOf(form: IssueForm, text: string): Record<string, string> {
  const tags: Record<string, string> = {};
  for (const line of text.split('\n').map((l) => l.trim()).filter(Boolean)) {
    const at = line.indexOf('=');
    if (at < 1) refuse(`The ${form.name} form's field "Tags" has the line ${shown(line)}; each line must be key=value.`);
    const key = line.slice(0, at).trim();
    if (key in tags) refuse(`The ${form.name} form's field "Tags" sets ${shown(key)} twice.`);
    tags[key] = line.slice(at + 1).trim();
  }
  return tags;
}

function newServiceArgs(form: IssueForm, values: Map<string, FieldValue>): FormRequest {
  const definition = goldenPath(values.get('golden-path') as string)!;
  const args: Record<string, unknown> = {};
  for (const field of form.fields) {
    const value = values.get(field.id);
    if (value === undefined || field.id === 'golden-path') continue;
    if (field.kind === 'checkboxes') {
      for (const label of value as readonly string[]) {
        const flag = field.flags![label];
        const offered = definition.options.some((o) => o.flag === flag);
        if (!offered) refuse(`The ${form.name} form's checkbox "${flag}" does not apply to golden path ${definition.name}; untick it.`);
        args[flag] = true;
      }
    } else if (field.paths && !field.paths.includes(definition.name)) {
      refuse(`The ${form.name} form's field "${field.label}" does not apply to golden path ${definition.name} (only to ${field.paths.join(', ')}); leave it empty.`);
    } else if (field.id === 'tags') {
      args.tags = tagsOf(form, value as string);
    } else {
      args[field.id] = typed(form, field, value as string);
    }
  }
  return { form, tool: newServiceToolName(definition), args };
}

function scaleArgs(form: IssueForm, values: Map<string, FieldValue>): FormRequest {
  const field = (id: string) => form.fields.find((f) => f.id === id)!;
  const args: Record<string, unknown> = { service: values.get('service'), replicas: typed(form, field('replicas'), values.get('replicas') as string) };
  if (values.get('environment') !== undefined) args.environment = values.get('environment');
  return { form, tool: 'propose_scale', args };
}

function dataStoreArgs(form: IssueForm, values: Map<string, FieldValue>): FormRequest {
  const args: Record<string, unknown> = { service: values.get('service'), store: values.get('store') };
  if (values.get('size') !== undefined) args.size = values.get('size');
  return { form, tool: 'propose_add_data_store', args };
}

/** The issue's form, read from its body and typed as its propose tool's arguments. */
export function formRequest(settings: OrganisationSettings, labels: readonly string[], body: string): FormRequest {
  const form = formOf(settings, labels);
  const values = parseFormBody(form, body);
  for (const field of form.fields) if (field.required && values.get(field.id) === undefined) refuse(`The ${form.name} form's field "${field.label}" is required.`);
  if (form.label === 'scale') return scaleArgs(form, values);
  return form.label === 'data-store' ? dataStoreArgs(form, values) : newServiceArgs(form, values);
}
