/**
 * Reads the Markdown body GitHub writes for a submitted issue form: for each field in the form's
 * order, `### <label>`, a blank line, then the value (`_No response_` when empty; checkboxes as
 * `- [X] <label>` / `- [ ] <label>`). Anything else (a heading that is not the next field, a field
 * twice, a multi-line input, a value no dropdown offers, a body over GitHub's size limit) is
 * refused in one sentence: an edited body is untrusted text.
 */
import { GroundworkError } from '../../model/errors';
import { MAX_TEXT } from '../mcp/tool-spec';
import type { FormField, IssueForm } from './form-fields';

/** GitHub's limit on an issue body. */
export const MAX_BODY = 65536;
const MAX_TEXTAREA = 2000;
export const NO_RESPONSE = '_No response_';

/** Untrusted text named in a refusal: quoted, one line, short. */
export const shown = (value: string): string => JSON.stringify(value.length > 60 ? `${value.slice(0, 60)}...` : value);

/** A field's value: a string (input, textarea, dropdown), the ticked labels (checkboxes), or undefined when empty. */
export type FieldValue = string | readonly string[] | undefined;

const refuse = (sentence: string): never => {
  throw new GroundworkError(sentence);
};

function valueOf(form: IssueForm, field: FormField, lines: readonly string[]): FieldValue {
  const text = lines.join('\n').trim();
  const where = `The ${form.name} form's field "${field.label}"`;
  if (field.kind === 'checkboxes') {
    const ticked: string[] = [];
    for (const line of lines.filter((l) => l.trim())) {
      const box = /^- \[([ xX])\] (.*)$/.exec(line.trim());
      if (!box || !field.options?.includes(box[2])) refuse(`${where} has the line ${shown(line.trim())}, which is not one of its checkboxes.`);
      if (box![1] !== ' ') ticked.push(box![2]);
    }
    return ticked;
  }
  if (text === NO_RESPONSE || text === '') return undefined;
  const limit = field.kind === 'textarea' ? MAX_TEXTAREA : MAX_TEXT;
  if (text.length > limit) refuse(`${where} is ${text.length} characters long; it takes at most ${limit}.`);
  if (field.kind !== 'textarea' && text.includes('\n')) refuse(`${where} must be one line.`);
  if (field.kind === 'dropdown' && !field.options?.includes(text)) refuse(`${where} is ${shown(text)}, which is not one of its choices (${field.options?.join(', ')}).`);
  return text;
}

/** The submitted form's values by field id, checked against the form's fields in order. */
export function parseFormBody(form: IssueForm, body: string): Map<string, FieldValue> {
  if (body.length > MAX_BODY) refuse(`The issue body is ${body.length} characters long; the ${form.name} form's body is at most ${MAX_BODY} (GitHub's limit).`);
  const lines = body.replace(/\r\n?/g, '\n').split('\n');
  const values = new Map<string, FieldValue>();
  let field = -1;
  let start = 0;
  const close = (end: number) => {
    if (field >= 0) values.set(form.fields[field].id, valueOf(form, form.fields[field], lines.slice(start, end)));
  };
  for (let i = 0; i < lines.length; i++) {
    const heading = /^#{1,6}\s+(.*)$/.exec(lines[i]);
    if (!heading) {
      if (field < 0 && lines[i].trim()) refuse(`The issue body must start with the ${form.name} form's first field ("### ${form.fields[0].label}"), not ${shown(lines[i].trim())}.`);
      continue;
    }
    const next = form.fields[field + 1];
    const label = heading[1].trim();
    if (form.fields.slice(0, field + 1).some((f) => f.label === label)) refuse(`The issue body has the field "${label}" twice; edit the form so that each field appears once.`);
    if (!next || lines[i] !== `### ${next.label}`) {
      refuse(`The issue body has the heading ${shown(lines[i])} where the ${form.name} form has ${next ? `"### ${next.label}"` : 'no more fields'}; a value cannot contain a Markdown heading.`);
    }
    close(i);
    field++;
    start = i + 1;
  }
  close(lines.length);
  if (field < form.fields.length - 1) refuse(`The issue body ends before the ${form.name} form's field "${form.fields[field + 1].label}"; submit the form again rather than editing its headings.`);
  return values;
}
