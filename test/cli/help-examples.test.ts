/**
 * Every command and command group's --help shows examples (the house rule for the CLI), and every example names a
 * real command and only options that command (or the program) takes.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { buildProgram } from '../../src/cli/main.js';

function walk(cmd: Command, path: string[] = []): Array<[string, Command]> {
  return cmd.commands
    .filter((c) => c.name() !== 'help')
    .flatMap((c) => [[[...path, c.name()].join(' '), c] as [string, Command], ...walk(c, [...path, c.name()])]);
}

const program = buildProgram({ out: () => {}, err: () => {} } as never);
const commands: Array<[string, Command]> = [['(the program)', program], ...walk(program)];

function helpText(cmd: Command): string {
  let text = '';
  cmd.configureOutput({ writeOut: (s) => (text += s), writeErr: (s) => (text += s) });
  cmd.exitOverride();
  try {
    cmd.outputHelp();
  } catch {
    // exitOverride: help is output, then it "exits"
  }
  // addHelpText('after') is printed by the help event, which outputHelp emits
  return text;
}

/** The command an example line runs, and the options it passes that neither that command nor the program takes. */
function checkExample(line: string): { command: string; unknown: string[] } {
  const words = line.replace(/#.*$/u, '').trim().split(/\s+/u).slice(1);
  let cmd = program;
  const path: string[] = [];
  for (const w of words) {
    const sub = cmd.commands.find((c) => c.name() === w || c.aliases().includes(w));
    if (!sub) break;
    cmd = sub;
    path.push(w);
  }
  const known = new Set([...cmd.options, ...program.options].flatMap((o) => [o.long, o.short].filter((x): x is string => !!x)));
  const unknown = words
    .filter((w) => /^--?[a-z]/u.test(w))
    .map((w) => w.split('=')[0]!)
    .filter((w) => !known.has(w) && w !== '--help' && w !== '-h');
  return { command: path.join(' '), unknown };
}

describe('--help', () => {
  it('covers every command', () => expect(commands.length).toBeGreaterThan(20));

  it.each(commands)('newsflow %s shows examples', (_name, cmd) => {
    expect(helpText(cmd)).toMatch(/Examples[^\n]*:\n\s+\$ newsflow /u);
  });

  it.each([
    ['newsflow results --company Oracle --json', 'results', []],
    ['newsflow feeds add https://example.org/rss.xml --no-sync', 'feeds add', []],
    ['newsflow results --bogus 3', 'results', ['--bogus']],
    ['newsflow nosuch --all', '', ['--all']],
  ])('reads the example %s', (line, command, unknown) => expect(checkExample(line)).toEqual({ command, unknown }));

  it.each(commands)('the examples of newsflow %s name real commands and options', (_name, cmd) => {
    const examples = helpText(cmd)
      .split('\n')
      .filter((l) => /^\s+\$ newsflow /u.test(l));
    for (const line of examples) {
      const { command, unknown } = checkExample(line.trim().slice(2));
      expect(command, line).not.toBe('');
      expect(unknown, line).toEqual([]);
    }
  });
});

/** Command lines in the fenced code blocks of a document: `newsflow …`, `./bin/newsflow.js …`, `npx newsflow …`. */
function documentedLines(file: string): string[] {
  const text = readFileSync(join(import.meta.dirname, '../..', file), 'utf8');
  const blocks = [...text.matchAll(/```[a-z]*\n([\s\S]*?)```/gu)].map((m) => m[1]!);
  return blocks
    .flatMap((b) => b.split('\n'))
    .map((l) => /^(?:\$ )?(?:\.\/bin\/newsflow\.js|npx newsflow|newsflow) (.*)$/u.exec(l.trim())?.[1])
    .filter((x): x is string => x !== undefined)
    .map((rest) => `newsflow ${rest.split('|')[0]!.replace(/&\s*$/u, '')}`);
}

describe.each(['README.md', 'docs/cli.md'])('command lines in %s', (file) => {
  const lines = documentedLines(file);
  it('are found', () => expect(lines.length).toBeGreaterThan(5));
  it.each(lines)('%s names a real command and its options', (line) => {
    const { command, unknown } = checkExample(line);
    expect(command).not.toBe('');
    expect(unknown).toEqual([]);
  });
});
