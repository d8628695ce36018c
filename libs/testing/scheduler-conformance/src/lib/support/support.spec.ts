import { communicationTime, compileProblem, meanCommunicationTime, validateCluster, validateProblem, validateWorkflow } from '@hetsched/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DocumentModel, makespanOfPlacements, placementRows, scheduleRows, type Placement } from './document-model.js';
import { documentProblems, type DocumentProblem } from './document-problems.js';
import { fragileComparison, hasNearTie, Q } from './exact.js';
import { sagaFixtures, sameFigure } from './saga.js';

/** Generous: hundreds of generated problems take seconds on a loaded machine; never a timing check. */
const PROPERTY_TIMEOUT_MS = 60_000;

describe('Q', () => {
  it('reads a double exactly and computes in lowest terms', () => {
    // 0.1 is 3602879701896397 / 2^55 in binary, not 1/10
    expect(Q.of(0.1).cmp(new Q(1n, 10n))).toBe(1);
    expect([Q.of(0.1).n, Q.of(0.1).d]).toEqual([3602879701896397n, 2n ** 55n]);
    const third = new Q(2n, 6n);
    expect([third.n, third.d]).toEqual([1n, 3n]);
    expect(new Q(1n, -2n).cmp(Q.of(-0.5))).toBe(0);
    expect(third.plus(third).minus(new Q(1n, 3n)).times(new Q(3n)).over(new Q(2n)).cmp(Q.of(0.5))).toBe(0);
    expect([third.max(Q.zero), Q.zero.min(third)]).toEqual([third, Q.zero]);
    expect(() => Q.of(Infinity)).toThrow('not a finite number');
    expect(() => new Q(1n, 0n)).toThrow('division by zero');
  });

  // Document numbers: multiples of 2^-20 up to 2^20 (toNumber divides two doubles, so denominators beyond 2^1023,
  // those of subnormal numbers, would not survive it).
  const documentNumber = fc.integer({ min: -(2 ** 40), max: 2 ** 40 }).map((x) => x / 2 ** 20);

  it('round-trips document numbers, and plus and minus undo each other (property)', () => {
    fc.assert(
      fc.property(documentNumber, documentNumber, (x, y) => {
        expect(Q.of(x).toNumber()).toBe(x === 0 ? 0 : x);
        expect(Q.of(x).isDouble()).toBe(true);
        expect(Q.of(x).plus(Q.of(y)).minus(Q.of(y)).cmp(Q.of(x))).toBe(0);
        expect(Q.of(x).cmp(Q.of(y))).toBe(Math.sign(x - y) || (x < y ? -1 : x > y ? 1 : 0));
      }),
      { numRuns: 300 },
    );
  });

  it('flags comparisons floating point could get wrong', () => {
    const third = new Q(1n, 3n);
    expect(third.isDouble()).toBe(false);
    expect(fragileComparison(third, new Q(1n, 3n))).toBe(true); // equal, but neither is a double
    expect(fragileComparison(Q.of(0.5), Q.of(0.5))).toBe(false);
    expect(fragileComparison(third, Q.of(1 / 3))).toBe(true); // 1/3 against its double: 2e-17 apart
    expect(fragileComparison(Q.of(1), Q.of(2))).toBe(false);
    expect(hasNearTie([Q.of(80), third, Q.of(80).plus(new Q(1n, 10n ** 12n))])).toBe(true);
    expect(hasNearTie([Q.of(80), Q.of(80), Q.of(81)])).toBe(false);
  });
});

describe('documentProblems', () => {
  const shapes = fc.record({
    exact: fc.boolean(),
    tiny: fc.boolean(),
    uniformLinks: fc.boolean(),
    edgeProbability: fc.constantFrom(0, 1 / 12, 1 / 3, 1),
  });

  it('gives valid documents of the requested shape, with exact numbers when asked (property)', () => {
    fc.assert(
      fc.property(shapes.chain((shape) => fc.tuple(fc.constant(shape), documentProblems({ ...shape, maxTasks: 9, maxProcessors: 4 }))), ([shape, problem]) => {
        const { workflow, cluster } = problem;
        for (const issues of [validateWorkflow(workflow), validateCluster(cluster), validateProblem(workflow, cluster)]) {
          expect(issues.filter((i) => i.severity === 'error')).toEqual([]);
        }
        const n = workflow.tasks.length;
        expect(n).toBeLessThanOrEqual(9);
        expect(cluster.processors.length).toBeLessThanOrEqual(4);
        if (shape.edgeProbability === 0) expect(workflow.edges).toEqual([]);
        if (shape.edgeProbability === 1) expect(workflow.edges).toHaveLength((n * (n - 1)) / 2);
        if (shape.uniformLinks) expect(cluster.network?.links ?? []).toEqual([]);
        const amounts = [...workflow.tasks.flatMap((t) => [t.work ?? 0, ...Object.values(t.costs ?? {})]), ...workflow.edges.map((e) => e.data ?? 0)];
        const rates = [...cluster.processors.map((p) => p.speed ?? 1), ...(cluster.network?.links ?? []).map((l) => l.bandwidth ?? 1), cluster.network?.bandwidth ?? 1];
        if (shape.tiny) expect(amounts.every((x) => Number.isInteger(x) && x <= 3)).toBe(true);
        if (shape.tiny || shape.exact) {
          expect(amounts.every(Number.isInteger)).toBe(true);
          expect(rates.every((x) => Number.isInteger(Math.log2(x)))).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  }, PROPERTY_TIMEOUT_MS);
});

describe('DocumentModel', () => {
  // a -> c (data 4), b -> c; p, q with the network's latency 1 and bandwidth 2, but p-r linked at latency 3.
  const problem: DocumentProblem = {
    workflow: {
      tasks: [
        { id: 'a', costs: { p: 2, q: 3, r: 1 } },
        { id: 'b', work: 3 },
        { id: 'c', work: 4, costs: { q: 1 } },
      ],
      edges: [
        { from: 'a', to: 'c', data: 4 },
        { from: 'b', to: 'c' },
      ],
    },
    cluster: { processors: [{ id: 'p' }, { id: 'q', speed: 2 }, { id: 'r', speed: 4 }], network: { latency: 1, bandwidth: 2, links: [{ between: ['r', 'p'], latency: 3 }] } },
  };
  const model = new DocumentModel(problem);
  const numbers = (xs: Q[]) => xs.map((x) => x.toNumber());

  it('reads costs, transfers and their means from the documents', () => {
    // b: work 3 on speeds 1, 2, 4; c: its cost on q, else work 4 / speed
    expect(numbers([model.cost(1, 0), model.cost(1, 1), model.cost(1, 2), model.cost(2, 0), model.cost(2, 1), model.cost(2, 2)])).toEqual([3, 1.5, 0.75, 4, 1, 1]);
    // p -> q: 1 + 4 / 2 = 3; p -> r: 3 + 4 / 2 = 5 (the link's latency, the network's bandwidth); same processor: 0
    expect(numbers([model.transfer(4, 0, 1), model.transfer(4, 2, 0), model.transfer(4, 1, 1)])).toEqual([3, 5, 0]);
    // L̄ = (1 + 1 + 3 + 3 + 1 + 1) / 6 = 5/3, B̄ = 2: c̄(4) = 5/3 + 2
    expect(model.meanTransfer(4).cmp(new Q(11n, 3n))).toBe(0);
    expect(numbers([model.meanCost(0), model.medianCost(0), model.medianCost(1)])).toEqual([2, 2, 1.5]);
    expect(model.predecessors(2)).toEqual([
      { task: 0, data: 4 },
      { task: 1, data: 0 },
    ]);
    expect(model.successors(1)).toEqual([{ task: 2, data: 0 }]);
  });

  it('ranks and orders: rank_u, rank_d, a ready list by priority, Kahn order', () => {
    // rank_u(c) = w̄(c) = (4 + 1 + 1) / 3 = 2; rank_u(a) = w̄(a) + c̄(4) + 2 = 2 + 11/3 + 2 = 23/3;
    // rank_u(b) = w̄(b) + c̄(0) + 2 = (3 + 1.5 + 0.75) / 3 + 5/3 + 2 = 1.75 + 5/3 + 2 = 65/12
    const ranks = model.upwardRanks();
    expect([ranks[0]!.cmp(new Q(23n, 3n)), ranks[1]!.cmp(new Q(65n, 12n)), ranks[2]!.cmp(Q.of(2))]).toEqual([0, 0, 0]);
    // rank_d(c) = max(0 + 2 + 11/3, 0 + 1.75 + 5/3) = 17/3
    expect(model.downwardRanks()[2]!.cmp(new Q(17n, 3n))).toBe(0);
    expect(model.readyListOrder([Q.of(1), Q.of(2), Q.of(9)])).toEqual([1, 0, 2]);
    expect(model.topologicalOrder()).toEqual([0, 1, 2]);
  });

  it('places a task by data arrival, after the last task or in an idle gap, and picks the earliest finish', () => {
    const placed: Placement[] = [];
    placed[0] = model.placement(placed, 0, 0, false); // a on p [0, 2)
    placed[1] = { processor: 0, start: Q.of(10), finish: Q.of(13) }; // b on p [10, 13), as if
    expect(model.readyTasks(placed)).toEqual([2]);
    // c on p: data at max(2, 13) = 13; append: after b, 13; insertion: the same (its data come at 13)
    expect(numbers([model.arrival(placed, 2, 0), model.placement(placed, 2, 0, true).start])).toEqual([13, 13]);
    // c on q: data at max(2 + 3, 13 + 1 + 0) = 14, cost 1: [14, 15); on r: max(2 + 5, 13 + 3) = 16, cost 1
    expect(placementRows([model.earliestPlacement(placed, 2, false)])).toEqual([[1, 14, 15]]);
    // earliest start instead: p at 13 (cost 4, so [13, 17)) beats q at 14 and r at 16, whatever order they are tried in
    expect(placementRows([model.earliestStartPlacement(placed, 2, false), model.earliestStartPlacement(placed, 2, true, [2, 1, 0])])).toEqual([
      [0, 13, 17],
      [0, 13, 17],
    ]);
    // a on an empty schedule starts at 0 everywhere: the tie goes to the processor tried first (r: cost 1)
    expect(placementRows([model.earliestStartPlacement([], 0, false), model.earliestStartPlacement([], 0, false, [2, 0, 1])])).toEqual([
      [0, 0, 2],
      [2, 0, 1],
    ]);
    // an idle gap: a 1-long task ready at 0 fits before b on p with insertion, not without
    const gap = [{ processor: 0, start: Q.of(5), finish: Q.of(9) }];
    expect(model.placement(gap, 1, 0, true).start.toNumber()).toBe(0);
    expect(model.placement(gap, 1, 0, false).start.toNumber()).toBe(9);
    expect(makespanOfPlacements(placed)).toBe(13);
  });

  it('reads a compiled schedule as rows', () => {
    const compiled = compileProblem(problem.workflow, problem.cluster);
    expect(scheduleRows({ processorOf: Int32Array.of(0, 2, 1), start: Float64Array.of(0, 1, 2), finish: Float64Array.of(2, 2, 3) })).toEqual([
      [0, 0, 2],
      [2, 1, 2],
      [1, 2, 3],
    ]);
    // and agrees with the compiled model it is independent of
    expect(model.transfer(4, 2, 0).toNumber()).toBe(communicationTime(compiled, 4, 2, 0));
    expect(model.meanTransfer(4).toNumber()).toBeCloseTo(meanCommunicationTime(compiled, 4), 12);
  });
});

describe('sagaFixtures', () => {
  it('reads the twelve SAGA problems with SAGA’s figures', () => {
    const fixtures = sagaFixtures();
    expect(fixtures.map((f) => f.name)).toEqual(Array.from({ length: 12 }, (_, i) => `saga-${String(i).padStart(2, '0')}`));
    for (const f of fixtures) {
      expect(validateWorkflow(f.problem.workflow).filter((i) => i.severity === 'error')).toEqual([]);
      expect(f.saga['HEFT']!.makespan).toBeGreaterThan(0);
    }
    expect([sameFigure(1.0000001, 1), sameFigure(1.00001, 1), sameFigure(1e6 + 0.5, 1e6)]).toEqual([true, false, true]);
  });
});
