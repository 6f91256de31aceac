import { RepositoryFile } from '@cdktf/provider-github/lib/repository-file';
import { Token } from 'cdktf';
import { Construct } from 'constructs';
import { DocsFacts, DOCS_FILES, docsFirstAdr, docsIndex, docsMkdocs, docsRunbook } from './docs-templates';
import { terraformLiteral } from './literal';
import type { Repository } from './repository';

export interface ServiceDocsProps extends DocsFacts {
  /** The repository the files are written to. */
  readonly repository: Repository;
}

/**
 * The documentation skeleton of a golden-path repository, written through github_repository_file
 * from the vetted templates: docs/index.md, docs/runbook.md (filled in from the catalog's facts),
 * the first ADR and mkdocs.yml. Only values known at synth are written: a name that is still a
 * reference (an imported data store's) would tie the GitHub stack to an AWS stack.
 */
export class ServiceDocs extends Construct {
  /** Where people read them: the files on the default branch. */
  readonly indexUrl: string;
  readonly runbookUrl: string;
  readonly adrsUrl: string;
  /** Backstage's backstage.io/techdocs-ref: the repository, where mkdocs.yml is. */
  readonly techdocsRef: string;

  constructor(scope: Construct, id: string, props: ServiceDocsProps) {
    super(scope, id);
    const { repository } = props;
    const facts: DocsFacts = { ...props, environments: props.environments.map((e) => ({ ...e, alarmNames: e.alarmNames.filter((a) => !Token.isUnresolved(a)) })) };
    const files: Array<[string, string, string]> = [
      ['index', DOCS_FILES.index, docsIndex(facts)],
      ['runbook', DOCS_FILES.runbook, docsRunbook(facts)],
      ['adr-0001', DOCS_FILES.adr, docsFirstAdr()],
      ['mkdocs', DOCS_FILES.mkdocs, docsMkdocs(facts)],
    ];
    for (const [fileId, file, content] of files) {
      new RepositoryFile(this, fileId, {
        repository: repository.repository.name,
        branch: repository.defaultBranch,
        file,
        content: terraformLiteral(content),
        commitMessage: `Add ${file} from the Groundwork docs template`,
        overwriteOnCreate: true,
        // The runbook follows the catalog; the other pages are the team's after the first commit.
        ...(file === DOCS_FILES.runbook ? {} : { lifecycle: { ignoreChanges: ['content'] } }),
      });
    }
    const blob = `${repository.url}/blob/${repository.defaultBranch}`;
    this.indexUrl = `${blob}/${DOCS_FILES.index}`;
    this.runbookUrl = `${blob}/${DOCS_FILES.runbook}`;
    this.adrsUrl = `${repository.url}/tree/${repository.defaultBranch}/docs/adr`;
    this.techdocsRef = `url:${repository.url}/tree/${repository.defaultBranch}`;
  }
}
