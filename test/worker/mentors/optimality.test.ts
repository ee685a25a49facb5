import { describe, expect, it } from "vitest";
import { assignMentors } from "../../../worker/mentors/assign.ts";
import { buildNetwork } from "../../../worker/mentors/build-network.ts";
import { resolveCosts } from "../../../worker/mentors/costs.ts";
import { solveTransportation } from "../../../worker/mentors/min-cost-flow.ts";
import { randomPeriod } from "./fixtures.ts";
import { highsObjective, prng, randomInt, randomTeamTransport, randomTransport, transportLp } from "./helpers.ts";

/**
 * HiGHS reports the LP optimum in floating point; the engine's is an exact integer. Costs are integers, so any
 * suboptimal answer is at least 1 away: 1e-3 is well inside that and well outside HiGHS's rounding here.
 */
const close = (engine: number, lp: number) => Math.abs(engine - lp) <= 1e-3;

describe("optimality against HiGHS (independent LP solver)", () => {
  it("matches the HiGHS optimum on 120 seeded random periods (重大 cases and struggling stars make team rows)", async () => {
    let teams = 0;
    for (let seed = 1; seed <= 120; seed++) {
      const rand = prng(seed);
      const input = randomPeriod(rand, {
        mentors: randomInt(rand, 1, 25),
        cases: randomInt(rand, 0, 120),
        stars: randomInt(rand, 0, 60),
        towns: randomInt(rand, 0, 12),
        capacity: [0, randomInt(rand, 1, 12)],
        mentorDomains: [1, 4],
      });
      const result = assignMentors(input);
      teams += result.assignments.filter((a) => a.kind !== "visit" && a.slot === 2).length;
      const lp = await highsObjective(transportLp(buildNetwork(input, resolveCosts(input.config))));
      expect({ seed, ok: close(result.objective, lp), engine: result.objective, lp }).toMatchObject({ seed, ok: true });
    }
    // The instances do exercise teams: many 重大 cases and struggling stars got their second mentor.
    expect(teams).toBeGreaterThan(50);
  });

  it("matches the HiGHS optimum on 100 seeded random transportation instances with team rows", async () => {
    for (let seed = 1; seed <= 100; seed++) {
      const rand = prng(20_000 + seed);
      const p = randomTeamTransport(rand, randomInt(rand, 1, 200), randomInt(rand, 1, 25), randomInt(rand, 1, 15), rand() * 0.4, 1000, rand());
      const engine = solveTransportation(p).objective;
      const lp = await highsObjective(transportLp(p));
      expect({ seed, ok: close(engine, lp), engine, lp }).toMatchObject({ seed, ok: true });
    }
  });

  it("matches the HiGHS optimum on 100 seeded random transportation instances with mixed-sign costs", async () => {
    for (let seed = 1; seed <= 100; seed++) {
      const rand = prng(10_000 + seed);
      const p = randomTransport(rand, randomInt(rand, 1, 300), randomInt(rand, 1, 30), randomInt(rand, 1, 15), rand() * 0.4, 1000);
      const engine = solveTransportation(p).objective;
      const lp = await highsObjective(transportLp(p));
      expect({ seed, ok: close(engine, lp), engine, lp }).toMatchObject({ seed, ok: true });
    }
  });
});
