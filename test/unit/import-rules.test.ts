import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/** The dependency rule of ports and adapters, read from the import graph. */

const root = path.resolve(import.meta.dirname, '..', '..');

function sourceFiles(dir: string): string[] {
  const full = path.join(root, dir);
  try {
    statSync(full);
  } catch {
    return [];
  }
  return readdirSync(full, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.ts') && !f.includes('generated'))
    .map((f) => path.join(dir, f));
}

function importsOf(file: string): string[] {
  const text = readFileSync(path.join(root, file), 'utf8');
  const found = [...text.matchAll(/(?:from\s+|import\s*\(\s*|import\s+)['"]([^'"]+)['"]/g)].map((m) => m[1] as string);
  return found.map((spec) => (spec.startsWith('.') ? path.normalize(path.join(path.dirname(file), spec)) : spec));
}

/** Which layer a repository path belongs to. */
function layer(target: string): string {
  const parts = target.split(path.sep);
  if (parts[0] === 'adapters') return `adapters/${parts[1]}`;
  if (parts[0] === 'src') return parts.length > 2 ? `src/${parts[1]}` : target;
  return parts[0] ?? target;
}

const isPackage = (spec: string) =>
  !spec.startsWith('src') && !spec.startsWith('adapters') && !spec.startsWith('test') && !spec.startsWith('prisma');
const layered = [
  'adapters/slack',
  'adapters/discord',
  'adapters/web',
  'adapters/prisma',
  'adapters/scheduler',
  'adapters/http',
  'adapters/llm',
  'adapters/mail',
];

/** Slack files that still import the store port, until that adapter goes through the consultation. */

describe('import rules', () => {
  it('src/core imports only itself, zod and the standard library', () => {
    const offences: string[] = [];
    for (const file of sourceFiles('src/core')) {
      for (const spec of importsOf(file)) {
        const allowed = spec.startsWith(`src${path.sep}core`) || spec === 'zod' || spec.startsWith('node:');
        if (!allowed) offences.push(`${file} imports ${spec}`);
      }
    }
    expect(offences).toEqual([]);
  });

  it('adapters, storage, scheduler, http and llm import the core but never one another', () => {
    const offences: string[] = [];
    for (const own of layered) {
      for (const file of sourceFiles(own)) {
        for (const spec of importsOf(file)) {
          if (isPackage(spec)) continue;
          const other = layer(spec);
          if (other !== own && layered.includes(other)) offences.push(`${file} imports ${spec}`);
        }
      }
    }
    expect(offences).toEqual([]);
  });

  it('adapters on the inbound pipeline hold the Consultation, never the core deps or the use cases that write', () => {
    const onPipeline = ['adapters/discord'];
    const store = [
      path.join('src', 'core', 'ports', 'store.ts'),
      path.join('src', 'core', 'consultation', 'deps.ts'),
      path.join('src', 'core', 'consultation', 'record-response.ts'),
      path.join('src', 'core', 'consultation', 'cast-vote.ts'),
      path.join('src', 'core', 'statements', 'add-statement.ts'),
      path.join('src', 'core', 'statements', 'review-statement.ts'),
    ];
    const offences: string[] = [];
    for (const own of onPipeline) {
      for (const file of sourceFiles(own)) {
        for (const spec of importsOf(file)) if (store.includes(spec)) offences.push(`${file} imports ${spec}`);
      }
    }
    expect(offences).toEqual([]);
  });

  it('adapters never see the store: no adapter imports the store port or the storage layer', () => {
    const offending = new Set<string>();
    const seesStore = (spec: string) =>
      spec === path.normalize('src/core/ports/store.ts') || spec.startsWith(`src${path.sep}storage`);
    for (const adapter of layered.filter((l) => l.startsWith('adapters/')))
      for (const file of sourceFiles(adapter)) if (importsOf(file).some(seesStore)) offending.add(file);
    expect([...offending]).toEqual([]);
  });

  it('only the composition roots wire adapters and storage together', () => {
    const roots = ['src/app/main.ts', `src${path.sep}cli`, `src${path.sep}compose`];
    const offences: string[] = [];
    for (const file of sourceFiles('src')) {
      if (roots.some((r) => file.startsWith(path.normalize(r))) || layered.includes(layer(file))) continue;
      const reaches = new Set(
        importsOf(file)
          .filter((s) => !isPackage(s))
          .map(layer)
          .filter((l) => layered.includes(l)),
      );
      if (reaches.size > 1) offences.push(`${file} wires ${[...reaches].join(' and ')}`);
    }
    expect(offences).toEqual([]);
  });

  it('the Slack adapter never sees the store: it holds the Consultation and its own installations port', () => {
    const store = [path.join('src', 'core', 'ports', 'store.ts'), path.join('src', 'core', 'consultation', 'deps.ts')];
    const offences = sourceFiles(path.join('adapters', 'slack')).flatMap((file) =>
      importsOf(file)
        .filter(
          (spec) => store.some((s) => spec.startsWith(s.replace(/\.ts$/, ''))) || spec.startsWith('adapters/prisma'),
        )
        .map((spec) => `${file} imports ${spec}`),
    );
    expect(offences).toEqual([]);
  });
});
