/**
 * The example organisation's settings. Validated against catalog/schema/organisation.schema.json
 * at every synth: a typo here stops synth with a sentence naming the setting.
 */
export const organisationSettings = {
  name: 'acme',
  githubOwner: 'acme-corp',
  containerRegistry: 'ghcr.io/acme-corp',
  platformTeam: 'platform',
  environments: {
    staging: {
      production: false,
      region: 'us-east-1',
      accountId: '111111111111',
      cidr: '10.10.0.0/16',
      kubernetes: { configContext: 'acme-staging', oidcIssuer: 'oidc.eks.us-east-1.amazonaws.com/id/5C0FFEE1STAGING0000000000000000A' },
    },
    production: {
      production: true,
      region: 'eu-west-1',
      accountId: '222222222222',
      cidr: '10.20.0.0/16',
      kubernetes: { configContext: 'acme-production', externalMetrics: true, oidcIssuer: 'oidc.eks.eu-west-1.amazonaws.com/id/5C0FFEE1PRODUCTION00000000000000B' },
    },
  },
  teams: {
    platform: { displayName: 'Platform Engineering', email: 'platform@acme.example', slackChannel: '#platform', costCenters: ['CC-1000'] },
    payments: { displayName: 'Payments', description: 'Checkout, payments and the ledger', email: 'payments@acme.example', slackChannel: '#team-payments', costCenters: ['CC-2001', 'CC-2002'] },
    storefront: { displayName: 'Storefront', description: 'What shoppers see', email: 'storefront@acme.example', slackChannel: '#team-storefront', costCenters: ['CC-3001'] },
    data: { displayName: 'Data & ML', description: 'Recommendations and analytics', email: 'data@acme.example', slackChannel: '#team-data', costCenters: ['CC-4001'] },
  },
  tagKeys: {
    'data-classification': {
      description: 'The most sensitive data the resource holds',
      required: true,
      allowed: ['public', 'internal', 'confidential', 'restricted'],
      default: 'internal',
    },
  },
};
