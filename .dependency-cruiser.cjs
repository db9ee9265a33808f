// The dependency rule, as configuration: each layer lists what it may import (folders, packages, node: modules);
// anything else is a violation. `npm run check` and test/unit/import-rules.test.ts run it.

const CHAT_ADAPTERS = ['slack', 'discord', 'web', 'teams'];

/** Every layer and its allow-list. `may` are folders besides its own; `*` allows every package or node: module. */
const LAYERS = {
  core: { folder: 'src/core', may: [], packages: ['zod'], node: ['crypto'] },
  app: { folder: 'src/app', may: ['src/core', 'adapters'], packages: '*', node: '*' },
  slack: { folder: 'adapters/slack', may: ['src/core'], packages: ['@slack/bolt'], node: ['http'] },
  discord: { folder: 'adapters/discord', may: ['src/core'], packages: ['discord.js'], node: [] },
  teams: {
    folder: 'adapters/teams',
    may: ['src/core'],
    packages: ['@microsoft/agents-activity', '@microsoft/agents-hosting', 'zod'],
    node: ['crypto', 'http'],
  },
  web: {
    folder: 'adapters/web',
    may: ['src/core'],
    packages: ['hono', '@hono/node-server'],
    node: ['crypto', 'fs', 'http', 'module', 'path'],
  },
  prisma: {
    folder: 'adapters/prisma',
    may: ['src/core'],
    packages: ['@prisma/client', '@prisma/adapter-better-sqlite3', '@prisma/adapter-pg', 'better-sqlite3', 'pg'],
    node: ['crypto', 'fs', 'fs/promises', 'path', 'worker_threads'],
  },
  scheduler: { folder: 'adapters/scheduler', may: ['src/core'], packages: ['node-cron'], node: ['crypto', 'os'] },
  http: { folder: 'adapters/http', may: ['src/core'], packages: ['prom-client'], node: ['crypto', 'http'] },
  llm: { folder: 'adapters/llm', may: ['src/core'], packages: ['zod'], node: [] },
  polis: { folder: 'adapters/polis', may: ['src/core'], packages: ['csv-parse'], node: ['fs/promises', 'path'] },
  exports: { folder: 'adapters/exports', may: ['src/core'], packages: ['fflate'], node: ['stream', 'util', 'zlib'] },
  mail: { folder: 'adapters/mail', may: ['src/core'], packages: ['nodemailer'], node: [] },
  files: {
    folder: 'adapters/files',
    may: ['src/core'],
    packages: ['yaml', 'csv-parse', 'node-cron'],
    node: ['crypto', 'fs/promises', 'path'],
  },
  bin: { folder: 'bin', may: ['src/app'], packages: ['tsx'], node: [] },
};

const literally = (text) => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
const under = (folder) => `^${literally(folder)}/`;
const aPackage = (name) => `(^|/)node_modules/(@types/)?${literally(name)}/`;
const aNodeModule = (name) => `^(node:)?${literally(name)}$`;

function allowList(name, layer) {
  const allowed = [under(layer.folder), ...layer.may.map(under)];
  if (layer.packages === '*') allowed.push('(^|/)node_modules/');
  else allowed.push(...layer.packages.map(aPackage));
  return {
    name: `${name}-allow-list`,
    comment: `${layer.folder} imports only its own files, ${layer.may.join(', ') || 'nothing else of Agora'}, and the packages and node: modules it lists`,
    severity: 'error',
    from: { path: under(layer.folder) },
    to: { pathNot: allowed, dependencyTypesNot: ['core'] },
  };
}

/** node: modules are matched apart: their dependency type is `core` and their path their bare name. */
function nodeAllowList(name, layer) {
  if (layer.node === '*') return [];
  return [
    {
      name: `${name}-node-modules`,
      comment: `${layer.folder} may use only these node: modules: ${layer.node.join(', ') || 'none'}`,
      severity: 'error',
      from: { path: under(layer.folder) },
      to: { dependencyTypes: ['core'], pathNot: layer.node.map(aNodeModule) },
    },
  ];
}

const CHAT = `^adapters/(${CHAT_ADAPTERS.join('|')})/`;

module.exports = {
  forbidden: [
    ...Object.entries(LAYERS).flatMap(([name, layer]) => [allowList(name, layer), ...nodeAllowList(name, layer)]),
    {
      name: 'outside-every-layer',
      comment: 'src holds the core and the app; every other folder of src is outside the dependency rule',
      severity: 'error',
      from: { path: '^src/', pathNot: '^src/(core|app)/' },
      to: {},
    },
    {
      name: 'reaches-outside-every-layer',
      comment: 'nothing may import a file of src that is neither core nor app',
      severity: 'error',
      from: {},
      to: { path: '^src/', pathNot: '^src/(core|app)/' },
    },
    {
      name: 'chat-adapters-never-see-the-store',
      comment: 'Slack, Discord and the web hold the Consultation: never the store port, the core deps, or Prisma',
      severity: 'error',
      from: { path: CHAT },
      to: { path: ['^src/core/ports/store\\.ts$', '^src/core/consultation/deps\\.ts$', '^adapters/prisma/'] },
    },
    {
      name: 'discord-writes-through-the-consultation',
      comment: 'the Discord adapter submits to the inbound pipeline; it never calls a use case that writes',
      severity: 'error',
      from: { path: '^adapters/discord/' },
      to: {
        path: '^src/core/(consultation/(record-response|cast-vote)|statements/(add|review)-statement)\\.ts$',
      },
    },
    {
      name: 'no-cycles',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'resolvable',
      comment: 'an import that does not resolve (a typo, or a computed path) cannot be checked',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)generated/' },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.js', '.mjs', '.cjs', '.d.ts'],
    },
  },
};
