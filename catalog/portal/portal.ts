import type { Catalog, CatalogEntity } from '../service-catalog/catalog-model';
import type { CostReport } from '../cost/report';
import type { PolicyReport } from '../policy/report';

/** Text for HTML: the catalog holds user-written descriptions. */
const h = (value: unknown) => String(value ?? '').replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const usd = (n: number | undefined) => (n === undefined ? '' : `$${n.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`);
const safeUrl = (url: string) => (/^https:\/\//.test(url) ? url : '#');

function links(e: CatalogEntity): string {
  return e.links.map((l) => `<a href="${h(safeUrl(l.url))}">${h(l.title)}</a>`).join(' · ');
}

function serviceRows(catalog: Catalog): string {
  return catalog.entities
    .filter((e) => e.kind === 'service')
    .map(
      (s) => `<tr id="service-${h(s.name)}">
  <td><strong>${h(s.name)}</strong><br><small>${h(s.description ?? '')}</small></td>
  <td><a href="#team-${h(s.owner)}">${h(s.owner ?? 'unowned')}</a></td>
  <td>${h(s.goldenPath ?? 'tags')}</td>
  <td>${h(s.lifecycle ?? '')}${s.tier ? `, tier ${s.tier}` : ''}</td>
  <td>${h((s.environments ?? []).join(', '))}</td>
  <td class="level-${h(s.scorecard?.level ?? 'none')}">${h(s.scorecard?.level ?? '')}${s.scorecard?.failing.length ? `<br><small>missing: ${h(s.scorecard.failing.join(', '))}</small>` : ''}</td>
  <td class="num">${usd(s.cost?.monthlyUsd)}${s.cost?.notPriced ? `<br><small>${s.cost.notPriced} not priced</small>` : ''}</td>
  <td class="num">${s.spend ? `${h(s.spend.currency)} ${s.spend.amount.toFixed(2)}<br><small>${h(s.spend.month)}</small>` : ''}</td>
  <td>${links(s)}</td>
</tr>`,
    )
    .join('\n');
}

function teamRows(catalog: Catalog): string {
  return catalog.entities
    .filter((e) => e.kind === 'team')
    .map(
      (t) => `<tr id="team-${h(t.name)}"><td><strong>${h(t.title ?? t.name)}</strong> (${h(t.name)})${t.email ? `<br><small>${h(t.email)}${t.slackChannel ? `, ${h(t.slackChannel)}` : ''}</small>` : ''}</td>
  <td>${(t.services ?? []).map((s) => `<a href="#service-${h(s)}">${h(s)}</a>`).join(', ')}</td><td>${h((t.costCenters ?? []).join(', '))}</td><td class="num">${usd(t.cost?.monthlyUsd)}</td></tr>`,
    )
    .join('\n');
}

/**
 * The portal: one static page over the catalog, cost and guardrails (and actual spend when
 * present). No server, no script: it opens from the file system or any static host.
 */
export function portalHtml(catalog: Catalog, cost: CostReport, policy: PolicyReport): string {
  const title = `${catalog.organisation ?? 'Groundwork'} service catalog`;
  const findings = policy.findings.filter((f) => !f.suppressed);
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${h(title)}</title>
<style>
body { font: 14px/1.4 system-ui, sans-serif; margin: 2rem; color: #1d1d1f; }
table { border-collapse: collapse; width: 100%; margin-bottom: 2rem; }
th, td { border-bottom: 1px solid #ddd; padding: .4rem .5rem; text-align: left; vertical-align: top; }
th { background: #f5f5f7; position: sticky; top: 0; }
td.num { text-align: right; white-space: nowrap; }
small { color: #666; }
.level-gold { color: #8a6d00; font-weight: 600; } .level-silver { color: #555; font-weight: 600; } .level-bronze { color: #8c4a1c; font-weight: 600; }
.summary { display: flex; gap: 2rem; flex-wrap: wrap; margin-bottom: 1.5rem; }
.summary div { background: #f5f5f7; padding: .75rem 1rem; border-radius: 6px; }
.bad { color: #b00020; }
</style>
</head>
<body>
<h1>${h(title)}</h1>
<div class="summary">
  <div><strong>${catalog.summary.services}</strong> services · <strong>${catalog.summary.teams}</strong> teams · <strong>${catalog.summary.resources}</strong> resources</div>
  <div>Estimated <strong>${usd(cost.total.monthlyUsd)}</strong> per month · unallocated ${usd(cost.unallocated.monthlyUsd)} · ${cost.total.notPricedResources} not priced · prices of ${h(cost.priceTables.map((t) => `${t.region} ${t.effectiveDate}`).join(', '))}</div>
  <div class="${policy.summary.errors ? 'bad' : ''}">Guardrails: <strong>${policy.summary.errors}</strong> errors, ${policy.summary.warnings} warnings, ${policy.summary.suppressed} suppressed · tag coverage ${policy.tagCoverage.overall.percent}%</div>
</div>
<h2>Services</h2>
<table>
<thead><tr><th>service</th><th>owner</th><th>golden path</th><th>lifecycle</th><th>environments</th><th>scorecard</th><th>estimate / month</th><th>actual</th><th>links</th></tr></thead>
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
${cost.byCostCenter.map((r) => `<tr><td>${h(r.name)}</td><td class="num">${usd(r.monthlyUsd)}</td><td class="num">${r.resources}</td></tr>`).join('\n')}
</tbody>
</table>
<h2>Guardrail findings</h2>
${findings.length ? `<table><thead><tr><th>severity</th><th>rule</th><th>where</th><th>finding</th><th>fix</th></tr></thead><tbody>
${findings.map((f) => `<tr><td>${h(f.severity)}</td><td>${h(f.rule)}</td><td>${h(f.stack)} ${h(f.address)}${f.constructPath ? `<br><small>${h(f.constructPath)}</small>` : ''}</td><td>${h(f.message)}</td><td>${h(f.fix)}</td></tr>`).join('\n')}
</tbody></table>` : '<p>No open findings.</p>'}
<p><small>Generated by Groundwork from the synthesized Terraform: catalog.json, cost-report.json and policy.json beside this page hold everything shown here.</small></p>
</body>
</html>
`;
}
