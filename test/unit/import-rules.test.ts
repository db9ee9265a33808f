import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { cruise, type ICruiseOptions, type ICruiseResult, type IForbiddenRuleType } from 'dependency-cruiser';
import extractDepcruiseConfig from 'dependency-cruiser/config-utl/extract-depcruise-config';
import ts from 'typescript';
import { beforeAll, describe, expect, it } from 'vitest';

/** The dependency rule of ports and adapters (.dependency-cruiser.cjs), on the tree and on planted violations. */

const root = path.resolve(import.meta.dirname, '..', '..');
const fixtures = path.join(root, 'test', 'fixtures', 'import-rules');
const LAYERED = ['src', 'adapters', 'bin'];

let rules: IForbiddenRuleType[];
let options: ICruiseOptions;

beforeAll(async () => {
  const config = await extractDepcruiseConfig(path.join(root, '.dependency-cruiser.cjs'));
  rules = config.forbidden ?? [];
  options = config.options ?? {};
});

async function cruiseTree(baseDir: string): Promise<ICruiseResult> {
  const folders = LAYERED.filter((folder) => existsSync(path.join(baseDir, folder)));
  const { output } = await cruise(folders, { ...options, baseDir, validate: true, ruleSet: { forbidden: rules } });
  return output as ICruiseResult;
}

/** Each broken rule, as `rule: from → to`. */
const violations = (result: ICruiseResult) =>
  result.summary.violations.map((v) => `${v.rule.name}: ${v.from} → ${v.to}`);

/** The layers are the allow-lists' folders; a layer with no files means a folder was renamed past the rule. */
function layerProblems(result: ICruiseResult): string[] {
  const layers = rules
    .filter((rule) => rule.name?.endsWith('-allow-list'))
    .map((rule) => new RegExp(String((rule.from as { path: string }).path)));
  const ours = result.modules.map((m) => m.source).filter((source) => /^(src|adapters|bin)\//.test(source));
  return [
    ...layers.filter((layer) => !ours.some((source) => layer.test(source))).map((layer) => `no files in ${layer}`),
    ...ours.filter((source) => !layers.some((layer) => layer.test(source))).map((source) => `${source} is in no layer`),
  ];
}

/** A module named by a computed `import()` cannot be checked by any rule, so none is allowed. */
function computedImports(result: ICruiseResult, baseDir: string): string[] {
  const found: string[] = [];
  for (const { source } of result.modules) {
    if (!/^(src|adapters|bin)\/.*\.(ts|js)$/.test(source)) continue;
    const file = ts.createSourceFile(source, readFileSync(path.join(baseDir, source), 'utf8'), ts.ScriptTarget.Latest);
    const visit = (node: ts.Node): void => {
      if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
        const [spec] = node.arguments;
        if (!spec || !(ts.isStringLiteral(spec) || ts.isNoSubstitutionTemplateLiteral(spec)))
          found.push(`${source} imports a computed path`);
      }
      ts.forEachChild(node, visit);
    };
    visit(file);
  }
  return found;
}

describe('import rules', () => {
  it('hold on the whole tree: every layer has files, every file is in a layer, nothing breaks a rule', async () => {
    const result = await cruiseTree(root);
    expect(violations(result)).toEqual([]);
    expect(layerProblems(result)).toEqual([]);
    expect(computedImports(result, root)).toEqual([]);
  }, 180_000);

  it.each([
    ['adapter-imports-config', 'slack-allow-list'],
    ['adapter-imports-polis', 'discord-allow-list'],
    ['adapter-imports-exports', 'web-allow-list'],
    ['adapter-imports-compose', 'slack-allow-list'],
    ['store-imports-slack', 'prisma-allow-list'],
    ['core-imports-node-fs', 'core-node-modules'],
    ['template-literal-import', 'core-allow-list'],
    ['module-reaching-one-adapter', 'http-allow-list'],
    ['core-utils-folder', 'reaches-outside-every-layer'],
    ['adapter-imports-store-port', 'chat-adapters-never-see-the-store'],
    ['discord-calls-a-writing-use-case', 'discord-writes-through-the-consultation'],
    ['cycle', 'no-cycles'],
  ])(
    'catch %s (%s)',
    async (fixture, rule) => {
      const result = await cruiseTree(path.join(fixtures, fixture));
      expect(violations(result).map((v) => v.split(':')[0])).toContain(rule);
    },
    60_000,
  );

  it('catch a folder of src outside every layer, even one whose name starts like the core', async () => {
    const result = await cruiseTree(path.join(fixtures, 'core-utils-folder'));
    expect(violations(result)).toContain('outside-every-layer: src/core-utils/read.ts → fs');
    expect(layerProblems(result)).toContain('src/core-utils/read.ts is in no layer');
  }, 60_000);

  it('catch a renamed layer folder instead of checking zero files', async () => {
    const result = await cruiseTree(path.join(fixtures, 'renamed-core'));
    expect(layerProblems(result)).toEqual(
      expect.arrayContaining(['no files in /^src\\/core\\//', 'src/kernel/types.ts is in no layer']),
    );
  }, 60_000);

  it('catch an import() whose path is computed', async () => {
    const result = await cruiseTree(path.join(fixtures, 'computed-import'));
    expect(computedImports(result, path.join(fixtures, 'computed-import'))).toEqual([
      'src/core/consultation/load-adapter.ts imports a computed path',
    ]);
  }, 60_000);
});
