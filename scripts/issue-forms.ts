/**
 * `npm run issue-forms`: writes the GitHub issue forms (.github/ISSUE_TEMPLATE/new-service.yml,
 * scale.yml) from the golden paths' option definitions and the organisation settings. A test holds
 * the committed forms equal to what this writes.
 */
import * as path from 'path';
import { replaceFile } from '../model/atomic-write';
import { runCommand } from '../model/run-command';
import { issueForms } from './forms/form-fields';
import { ISSUE_TEMPLATE_DIR, issueFormYaml } from './forms/form-yaml';
import { loadSettings } from './scaffold-service';

runCommand(() => {
  const root = process.cwd();
  for (const form of issueForms(loadSettings(root))) {
    const file = path.join(ISSUE_TEMPLATE_DIR, form.file);
    replaceFile(path.join(root, file), issueFormYaml(form));
    console.log(`Wrote ${file}`);
  }
});
