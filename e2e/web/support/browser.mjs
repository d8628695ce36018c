// Chromium for the browser suite, the screenshots and the benchmark: Debian's package driven by playwright-core
// (browsers cannot be downloaded here). `apt-get install -y chromium` installs it.
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { chromium } from 'playwright-core';

export const INSTALL_COMMAND = 'apt-get install -y chromium';

const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

/** The Chromium binary: HETSCHED_CHROMIUM, else `which chromium`, else /usr/bin/chromium; undefined when none. */
export function findChromium() {
  const candidates = [process.env.HETSCHED_CHROMIUM];
  try {
    candidates.push(execFileSync('which', ['chromium'], { encoding: 'utf8' }).trim());
  } catch {
    // not on PATH
  }
  candidates.push('/usr/bin/chromium');
  return candidates.find((path) => path && existsSync(path));
}

/**
 * A fresh headless Chromium with its own profile directory (removed by close()). `extraArgs` adds flags, e.g.
 * the benchmark's frame-rate unlocking.
 */
export async function launchChromium(extraArgs = []) {
  const executablePath = findChromium();
  if (!executablePath) throw new Error(`Chromium is not installed: ${INSTALL_COMMAND}`);
  const profile = await mkdtemp(join(tmpdir(), 'hetsched-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath,
    headless: true,
    args: [...ARGS, ...extraArgs],
    viewport: { width: 1360, height: 900 },
    acceptDownloads: true,
  });
  return {
    context,
    async close() {
      await context.close().catch(() => undefined);
      await rm(profile, { recursive: true, force: true });
    },
  };
}
