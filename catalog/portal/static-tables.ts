import { formatMoney } from '../../model/money';
import type { Catalog, CatalogEntity } from '../service-catalog/catalog-model';
import type { CostReport } from '../cost/report';
import type { PolicyReport } from '../policy/report';
import { html, safeUrl, usd } from './html-text';

/** The page as it reads with JavaScript off: summary and four tables, every value escaped, kept lean (the script shows the rest). */

/** The repository link only: the interactive page lists every link; without it the table stays small at 1,000 services. */
function repositoryLink(e: CatalogEntity): string {
  const repository = e.links.find((l) => l.type === 'repository');
  const url = repository && safeUrl(repository.url);
  return url ? `<a href="${html(url)}">${html(repository.title)}</a>` : '';
}

function serviceRows(catalog: Catalog): string {
  return catalog.entities
    .filter((e) => e.kind === 'service')
    .map(
      (s) => `<tr id="service-${html(s.name)}">
  <td><strong>${html(s.name)}</strong><br><small>${html(s.description ?? '')}</small></td>
  <td><a href="#team-${html(s.owner)}">${html(s.owner ?? 'unowned')}</a></td>
  <td>${html(s.goldenPath ?? 'tags')}</td>
  <td>${html(s.lifecycle ?? '')}${s.tier ? `, tier ${s.tier}` : ''}</td>
  <td>${html((s.environments ?? []).join(', '))}</td>
  <td class="level-${html(s.scorecard?.level ?? 'none')}">${html(s.scorecard?.level ?? '')}${s.scorecard?.failing.length ? `<br><small>missing: ${html(s.scorecard.failing.join(', '))}</small>` : ''}</td>
  <td class="num">${usd(s.cost?.monthlyUsd)}${s.cost?.notPriced ? `<br><small>${s.cost.notPriced} not priced</small>` : ''}</td>
  <td class="num">${s.spend ? `${html(formatMoney(s.spend.amount, s.spend.currency))}<br><small>${html(s.spend.month)}</small>` : ''}</td>
  <td>${repositoryLink(s)}</td>
</tr>`,
    )
    .join('\n');
}

function teamRows(catalog: Catalog): string {
  return catalog.entities
    .filter((e) => e.kind === 'team')
    .map(
      (t) => `<tr id="team-${html(t.name)}"><td><strong>${html(t.title ?? t.name)}</strong> (${html(t.name)})${t.email ? `<br><small>${html(t.email)}${t.slackChannel ? `, ${html(t.slackChannel)}` : ''}</small>` : ''}</td>
  <td>${(t.services ?? []).map((s) => `<a href="#service-${html(s)}">${html(s)}</a>`).join(', ')}</td><td>${html((t.costCenters ?? []).join(', '))}</td><td class="num">${usd(t.cost?.monthlyUsd)}</td></tr>`,
    )
    .join('\n');
}

export function summaryHtml(catalog: Catalog, cost: CostReport, policy: PolicyReport): string {
  return `<div class="summary">
  <div><strong>${catalog.summary.services}</strong> services · <strong>${catalog.summary.teams}</strong> teams · <strong>${catalog.summary.resources}</strong> resources</div>
  <div>Estimated <strong>${usd(cost.total.monthlyUsd)}</strong> per month · unallocated ${usd(cost.unallocated.monthlyUsd)} · ${cost.total.notPricedResources} not priced · prices of ${html(cost.priceTables.map((t) => `${t.region} ${t.effectiveDate}`).join(', '))}</div>
  <div class="${policy.summary.errors ? 'bad' : ''}">Guardrails: <strong>${policy.summary.errors}</strong> errors, ${policy.summary.warnings} warnings, ${policy.summary.suppressed} suppressed · tag coverage ${policy.tagCoverage.overall.percent}%</div>
</div>`;
}

export function staticTablesHtml(catalog: Catalog, cost: CostReport, policy: PolicyReport): string {
  const findings = policy.findings.filter((f) => !f.suppressed);
  return `<h2>Services</h2>
<table>
<thead><tr><th>service</th><th>owner</th><th>golden path</th><th>lifecycle</th><th>environments</th><th>scorecard</th><th>estimate / month</th><th>actual</th><th>repository</th></tr></thead>
<tbody>
${serviceRows(catalog)}
</tbody>
</table>
<h2>Teams</h2>
<table>
<thead><tr><th>team</th><th>services</th><th>cost centers</th><th>estimate / month</th></tr></thead>
<tbody>
${teamRows(catalog)}
</tbody>
</table>
<h2>Cost by cost center</h2>
<table>
<thead><tr><th>cost center</th><th>estimate / month</th><th>resources</th></tr></thead>
<tbody>
${cost.byCostCenter.map((r) => `<tr><td>${html(r.name)}</td><td class="num">${usd(r.monthlyUsd)}</td><td class="num">${r.resources}</td></tr>`).join('\n')}
</tbody>
</table>
<h2>Guardrail findings</h2>
${
  findings.length
    ? `<table><thead><tr><th>severity</th><th>rule</th><th>where</th><th>finding</th><th>fix</th></tr></thead><tbody>
${findings.map((f) => `<tr><td>${html(f.severity)}</td><td>${html(f.rule)}</td><td>${html(f.stack)} ${html(f.address)}${f.constructPath ? `<br><small>${html(f.constructPath)}</small>` : ''}</td><td>${html(f.message)}</td><td>${html(f.fix)}</td></tr>`).join('\n')}
</tbody></table>`
    : '<p>No open findings.</p>'
}`;
}
