import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFakeRoot, type FakeRoot } from '../testing/fake-packages.js';
import { discoverCommands, loadCommand } from './commands.js';

const main = (code: number) => `export async function main(argv) { return argv.length === 0 ? ${code} : Number(argv[0]); }\n`;

describe('discoverCommands / loadCommand', () => {
  let fake: FakeRoot;
  beforeAll(async () => {
    fake = await createFakeRoot(
      [
        { name: '@acme/tools', hetsched: { command: { name: 'acme', entry: './cli.js', description: 'acme tools' } }, files: { 'cli.js': main(7) } },
        { name: 'no-main', hetsched: { command: { name: 'no-main', entry: './cli.js' } }, files: { 'cli.js': 'export const x = 1;\n' } },
        { name: 'bad-name', hetsched: { command: { name: 'Bad Name', entry: './cli.js' } }, files: { 'cli.js': main(0) } },
        { name: 'escapes', hetsched: { command: { name: 'escapes', entry: '../@acme/tools/cli.js' } } },
        { name: 'evil-link', hetsched: { command: { name: 'evil', entry: './cli.js' } }, links: { 'cli.js': '../../outside/evil.js' } },
        { name: 'zz-twin', hetsched: { command: { name: 'acme', entry: './cli.js' } }, files: { 'cli.js': main(1) } },
        { name: 'plain', files: { 'index.js': '' } },
      ],
      { 'evil.js': main(99) },
    );
  });
  afterAll(() => fake.cleanup());

  it('finds the declared commands, refuses names, escapes and links out of the package, and keeps the first of a name', async () => {
    const { commands, problems } = await discoverCommands(fake.root);
    expect(commands.map((c) => [c.name, c.packageName, c.description])).toEqual([
      ['acme', '@acme/tools', 'acme tools'],
      ['no-main', 'no-main', '(from no-main)'],
    ]);
    expect(problems).toHaveLength(4);
    expect(problems.join('\n')).toMatch(/bad-name: "hetsched.command" must be/);
    expect(problems.join('\n')).toMatch(/escapes: command "escapes": entry .* climbs out/);
    expect(problems.join('\n')).toMatch(/evil-link: command "evil": entry "\.\/cli\.js" is a link to .*outside the package folder/);
    expect(problems.join('\n')).toMatch(/zz-twin: command "acme" is also declared by @acme\/tools/);
  });

  it('runs a command’s main with the arguments, and refuses an entry without main', async () => {
    const { commands } = await discoverCommands(fake.root);
    const acme = await loadCommand(commands.find((c) => c.name === 'acme')!);
    expect(await acme([])).toBe(7);
    expect(await acme(['3'])).toBe(3);
    await expect(loadCommand(commands.find((c) => c.name === 'no-main')!)).rejects.toThrow(/exports no main\(argv\) function/);
  });
});
