import * as fs from 'fs';
import * as path from 'path';
import { GroundworkError } from '../../model/errors';
import { readContract } from '../contracts';
import type { CostReport } from '../cost/report';
import type { PolicyReport } from '../policy/report';
import { Catalog, EntityKind, EntityOf, isKind } from '../service-catalog/catalog-model';
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
    this.catalog = readContract('catalog', path.join(folder, 'catalog.json'));
    this.cost = readContract('cost-report', path.join(folder, 'cost-report.json'));
    this.policy = readContract('policy-report', path.join(folder, 'policy.json'));
  }

  /** Entities of a kind, in the catalog's (sorted) order. */
  entities<K extends EntityKind>(kind: K): EntityOf<K>[] {
    return this.catalog.entities.filter(isKind(kind));
  }

  entity<K extends EntityKind>(kind: K, name: string): EntityOf<K> | undefined {
    return this.entities(kind).find((e) => e.name === name);
  }

  /** The synthesized resources with their ownership, as every tool allocates them; read on first use. */
  resources(): readonly ResourceRecord[] {
    return (this.records ??= readResources(readTerraformOutput(this.outdir)));
  }
}
