import * as fs from 'fs';
import * as path from 'path';
import { GroundworkError } from '../../model/errors';
import { readJsonFile } from '../../model/read-json';
import { readContract } from '../contracts';
import type { CostReport } from '../cost/report';
import type { PolicyReport } from '../policy/report';
import type { Catalog, CatalogEntity } from '../service-catalog/catalog-model';
import { assertValidCatalog } from '../service-catalog/validate-catalog';
import { readResources } from '../terraform/ownership-inference';
import type { ResourceRecord } from '../terraform/resource-index';
import { readTerraformOutput } from '../terraform/terraform-output';

/**
 * The last analysis synth wrote (`<output>/catalog/`), read from files only: an agent asks about
 * what was synthesized, never about the network. Each report is checked against its contract.
 */
export class LastAnalysis {
  public readonly catalog: Catalog;
  public readonly cost: CostReport;
  public readonly policy: PolicyReport;
  private records?: readonly ResourceRecord[];

  constructor(public readonly outdir: string) {
    const folder = path.join(outdir, 'catalog');
    if (!fs.existsSync(path.join(folder, 'catalog.json'))) {
      throw new GroundworkError(`${outdir} holds no catalog/catalog.json: run npm run synth first (the server reads the last analysis, never the network).`);
    }
    const catalog = readJsonFile(path.join(folder, 'catalog.json'), `The catalog ${path.join(folder, 'catalog.json')}`);
    assertValidCatalog(catalog, `The catalog ${path.join(folder, 'catalog.json')}`);
    this.catalog = catalog;
    this.cost = readContract('cost-report', path.join(folder, 'cost-report.json'));
    this.policy = readContract('policy-report', path.join(folder, 'policy.json'));
  }

  /** Entities of a kind, in the catalog's (sorted) order. */
  entities(kind: CatalogEntity['kind']): CatalogEntity[] {
    return this.catalog.entities.filter((e) => e.kind === kind);
  }

  entity(kind: CatalogEntity['kind'], name: string): CatalogEntity | undefined {
    return this.catalog.entities.find((e) => e.kind === kind && e.name === name);
  }

  /** The synthesized resources with their ownership, as every tool allocates them; read on first use. */
  resources(): readonly ResourceRecord[] {
    return (this.records ??= readResources(readTerraformOutput(this.outdir)));
  }
}
