import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The folders are the architecture (DESIGN.md): a room may use the rooms below it,
 * never one that uses it back, and nothing below the top imports the composition
 * root. These tests read the import statements of the source as text.
 */

/** Files directly in src/: the composition roots (app, service, server, config) and nothing else. */
const TOP = 'top';

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return entry.name.endsWith('.ts') ? [full] : [];
  });
}

function roomOf(file: string): string {
  const parts = path.relative('.', file).split(path.sep);
  if (parts[0] === 'skills') return 'skills';
  return parts.length > 2 ? (parts[1] ?? TOP) : TOP;
}

type Edge = { from: string; to: string; file: string; target: string };

function importEdges(): Edge[] {
  const files = [...sourceFiles('src'), ...sourceFiles('skills')];
  return files.flatMap((file) => {
    const text = readFileSync(file, 'utf8');
    return [...text.matchAll(/(?:from|import)\s*\(?\s*'(\.{1,2}\/[^']+)'/g)].map((m) => {
      const target = path.normalize(path.join(path.dirname(file), m[1] ?? '')).replace(/\.js$/, '.ts');
      return { from: roomOf(file), to: roomOf(target), file, target };
    });
  });
}

/** Strongly connected groups of more than one room (Tarjan). */
function roomCycles(edges: readonly Edge[]): string[][] {
  const next = new Map<string, Set<string>>();
  for (const e of edges) {
    if (e.from === e.to) continue;
    if (!next.has(e.from)) next.set(e.from, new Set());
    next.get(e.from)?.add(e.to);
  }
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const groups: string[][] = [];
  const visit = (room: string) => {
    index.set(room, index.size);
    low.set(room, index.get(room) ?? 0);
    stack.push(room);
    onStack.add(room);
    for (const to of next.get(room) ?? []) {
      if (!index.has(to)) {
        visit(to);
        low.set(room, Math.min(low.get(room) ?? 0, low.get(to) ?? 0));
      } else if (onStack.has(to)) low.set(room, Math.min(low.get(room) ?? 0, index.get(to) ?? 0));
    }
    if (low.get(room) === index.get(room)) {
      const group: string[] = [];
      let member: string | undefined;
      do {
        member = stack.pop();
        if (member === undefined) break;
        onStack.delete(member);
        group.push(member);
      } while (member !== room);
      if (group.length > 1) groups.push(group.sort());
    }
  };
  for (const room of next.keys()) if (!index.has(room)) visit(room);
  return groups;
}

describe('the rooms of the house', () => {
  const edges = importEdges();

  it('import each other without cycles', () => {
    const cycles = roomCycles(edges).map((group) => ({
      rooms: group,
      imports: edges
        .filter((e) => e.from !== e.to && group.includes(e.from) && group.includes(e.to))
        .map((e) => `${e.file} -> ${e.target}`),
    }));
    expect(cycles).toEqual([]);
  });

  it('never import the composition root back', () => {
    const upward = edges.filter((e) => e.to === TOP && e.from !== TOP && !e.target.endsWith('config.ts'));
    expect(upward.map((e) => `${e.file} -> ${e.target}`)).toEqual([]);
  });

  it('leave brand skills to the registry: only the composition roots and the CLI import skills/', () => {
    const platform = edges.filter(
      (e) => e.to === 'skills' && e.from !== 'skills' && e.from !== TOP && e.from !== 'cli',
    );
    expect(platform.map((e) => `${e.file} -> ${e.target}`)).toEqual([]);
  });

  it('finds a cycle when there is one (the check itself works)', () => {
    const e = (from: string, to: string): Edge => ({ from, to, file: from, target: to });
    expect(roomCycles([e('a', 'b'), e('b', 'c'), e('c', 'a'), e('c', 'd')])).toEqual([['a', 'b', 'c']]);
  });
});
