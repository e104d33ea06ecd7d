/** Every command and command group's --help shows examples (the house rule for the CLI). */
import type { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { buildProgram } from '../../src/cli/main.js';

function walk(cmd: Command, path: string[] = []): Array<[string, Command]> {
  return cmd.commands
    .filter((c) => c.name() !== 'help')
    .flatMap((c) => [[[...path, c.name()].join(' '), c] as [string, Command], ...walk(c, [...path, c.name()])]);
}

const commands = walk(buildProgram({ out: () => {}, err: () => {} } as never));

describe('--help', () => {
  it('covers every command', () => expect(commands.length).toBeGreaterThan(20));
  it.each(commands)('newsflow %s shows examples', (_name, cmd) => {
    let text = '';
    cmd.configureOutput({ writeOut: (s) => (text += s), writeErr: (s) => (text += s) });
    cmd.exitOverride();
    try {
      cmd.outputHelp();
    } catch {
      // exitOverride: help is output, then it "exits"
    }
    // addHelpText('after') is printed by the help event, which outputHelp emits
    expect(text).toMatch(/Examples[^\n]*:\n\s+\$ newsflow /u);
  });
});
