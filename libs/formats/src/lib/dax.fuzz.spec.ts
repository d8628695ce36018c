import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { editText, escapeXmlText, FUZZ_TIMEOUT_MS, fuzzRuns, ODD_IDS, ODD_NUMBERS, textEdit, xmlishText } from '../testing/fuzz.js';
import { expectSchedulable, expectWorkflowOrClearError, tally, TWO_PROCESSORS, uniqueOddIds, type Outcome } from '../testing/fuzz-expect.js';
import { importDax } from './dax.js';

/**
 * Fuzzing the Pegasus DAX reader: whatever the input, it gives a valid, schedulable workflow or a clear ValidationError
 * (testing/fuzz-expect.ts). FUZZ_RUNS=<n> runs every property n times.
 */

const TINY_DAX = `<?xml version="1.0" encoding="UTF-8"?>
<adag xmlns="http://pegasus.isi.edu/schema/DAX" version="2.1" name="tiny">
  <job id="ID1" name="Extract" runtime="10.5">
    <uses file="in.dat" link="input" size="1000000"/>
    <uses file="mid.dat" link="output" size="2500000"/>
  </job>
  <job id="ID2" name="Synth" runtime="3">
    <uses file="mid.dat" link="input" size="2500000"/>
  </job>
  <child ref="ID2">
    <parent ref="ID1"/>
  </child>
</adag>
`;

/** TINY_DAX with its n-th attribute values (mod their count) replaced by odd values, escaped or raw. */
const daxWithOddAttributes = fc
  .array(fc.tuple(fc.nat(), fc.oneof(fc.constantFrom(...ODD_IDS), fc.constantFrom(...ODD_NUMBERS).map(String), fc.string({ maxLength: 8 })), fc.boolean()), { minLength: 1, maxLength: 4 })
  .map((replacements) => {
    const values = [...TINY_DAX.matchAll(/="([^"]*)"/g)];
    let xml = TINY_DAX;
    for (const [n, value, escaped] of replacements) {
      const match = [...xml.matchAll(/="([^"]*)"/g)][n % values.length]!;
      const text = escaped ? escapeXmlText(value) : value;
      xml = `${xml.slice(0, match.index + 2)}${text}${xml.slice(match.index + match[0].length - 1)}`;
    }
    return xml;
  });

describe('DAX reader, fuzzed', () => {
  it('reads XML-ish text (tags out of order, DTDs, entities, odd names), or refuses it clearly', () => {
    const outcomes: Outcome[] = [];
    fc.assert(
      fc.property(xmlishText, (xml) => {
        outcomes.push(expectWorkflowOrClearError(() => importDax(xml)));
      }),
      { numRuns: fuzzRuns(500) },
    );
    expect(tally(outcomes).refused).toBeGreaterThan(0);
  }, FUZZ_TIMEOUT_MS);

  it('reads a DAX with odd attribute values and text edits, or refuses it clearly', () => {
    const outcomes: Outcome[] = [];
    fc.assert(
      fc.property(fc.oneof(daxWithOddAttributes, fc.array(textEdit, { minLength: 1, maxLength: 3 }).map((edits) => editText(TINY_DAX, edits))), (xml) => {
        outcomes.push(expectWorkflowOrClearError(() => importDax(xml)));
      }),
      { numRuns: fuzzRuns(400) },
    );
    expect(tally(outcomes).imported).toBeGreaterThan(0);
    expect(tally(outcomes).refused).toBeGreaterThan(0);
  }, FUZZ_TIMEOUT_MS);

  it('reads jobs with odd ids and edge-of-range runtimes exactly as a naive reading says', () => {
    fc.assert(
      fc.property(uniqueOddIds(1, 5), fc.array(fc.constantFrom(...ODD_NUMBERS), { minLength: 5, maxLength: 5 }), (ids, runtimes) => {
        const jobs = ids.map((id, i) => `<job id="${escapeXmlText(id)}" runtime="${runtimes[i]}"/>`).join('');
        const links = ids.slice(1).map((id, i) => `<child ref="${escapeXmlText(id)}"><parent ref="${escapeXmlText(ids[i]!)}"/></child>`).join('');
        const xml = `<adag>${jobs}${links}</adag>`;
        // The naive reading: every runtime is written from a double, so it reads back as that double; a negative
        // one is refused; -0 is written "0".
        const refused = runtimes.slice(0, ids.length).some((r) => r < 0);
        if (refused) {
          expect(expectWorkflowOrClearError(() => importDax(xml))).toBe('refused');
          return;
        }
        const { workflow } = importDax(xml);
        expect(workflow.tasks).toEqual(ids.map((id, i) => ({ id, work: runtimes[i]! === 0 ? 0 : runtimes[i]! })));
        expect(workflow.edges.map((e) => [e.from, e.to])).toEqual(ids.slice(1).map((id, i) => [ids[i], id]));
        expectSchedulable(workflow, TWO_PROCESSORS);
      }),
      { numRuns: fuzzRuns(200) },
    );
  }, FUZZ_TIMEOUT_MS);

  it('refuses deep nesting and an entity bomb clearly, without overflowing', () => {
    const deep = `<adag><job id="a" runtime="1"/>${'<x>'.repeat(100_000)}${'</x>'.repeat(100_000)}</adag>`;
    expect(expectWorkflowOrClearError(() => importDax(deep))).toBe('refused');
    const bomb = `<!DOCTYPE adag [<!ENTITY a "${'a'.repeat(9_999)}">]><adag name="${'&a;'.repeat(100)}"><job id="j" runtime="1"/></adag>`;
    expect(expectWorkflowOrClearError(() => importDax(bomb))).toBe('refused');
  }, FUZZ_TIMEOUT_MS);
});
