// A vitest reporter that records how many tests passed and failed in this project, so that `npm test` can close
// with one line totalling every project: "N passed, N failed".
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const countsDir = fileURLToPath(new URL('../../tmp/test-counts/', import.meta.url));

export default class CountReporter {
  onInit(vitest) {
    this.name = vitest.config.name || 'tests';
  }

  onTestRunEnd(testModules) {
    const counts = { passed: 0, failed: 0, skipped: 0 };
    for (const module of testModules) {
      for (const test of module.children.allTests()) {
        const state = test.result().state;
        if (state === 'passed') counts.passed++;
        else if (state === 'failed') counts.failed++;
        else counts.skipped++;
      }
      if (module.state() === 'failed' && [...module.children.allTests()].length === 0) counts.failed++;
    }
    mkdirSync(countsDir, { recursive: true });
    writeFileSync(`${countsDir}${this.name}.json`, JSON.stringify(counts));
  }
}
