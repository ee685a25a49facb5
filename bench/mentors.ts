/**
 * Benchmark: the mentor assignment engine vs HiGHS on the same seeded 200-mentor × 20,000-target period.
 * Run: npx node bench/mentors.ts   (or import { run } from a bench runner).
 * The engine is timed end to end (validation, network, solve, reasons); HiGHS is timed on solve() of the LP
 * built from the same network, with the LP text build timed separately. Both wall time and this process's CPU
 * time are reported: on a shared machine wall time includes waiting for a core.
 * Options (also env for the CLI): scale (MENTOR_BENCH_SCALE, default 1 = 200 × 20,000), solver
 * (HIGHS_SOLVER: "choose" default, "ipm", "simplex"), HiGHS time limit in seconds (HIGHS_TIME_LIMIT).
 */
import { assignMentors } from "../worker/mentors/assign.ts";
import { buildNetwork } from "../worker/mentors/build-network.ts";
import { resolveCosts } from "../worker/mentors/costs.ts";
import { randomPeriod } from "../test/worker/mentors/fixtures.ts";
import { loadHighs, prng, transportLp } from "../test/worker/mentors/helpers.ts";

export interface MentorBenchOptions {
  seed?: number;
  scale?: number;
  solver?: "choose" | "ipm" | "simplex";
  timeLimitSeconds?: number;
}

export interface MentorBench {
  engineCpuMs: number;
  highsCpuMs: number;
  highsStatus: string;
  mentors: number;
  targets: number;
  rows: number;
  edges: number;
  engineMs: number;
  highsMs: number;
  lpBuildMs: number;
  ratio: number;
  engineObjective: number;
  highsObjective: number;
  equal: boolean;
  assigned: number;
  unassigned: number;
}

export async function run(options: MentorBenchOptions = {}): Promise<MentorBench> {
  const { seed = 2026, scale = 1, solver = "choose", timeLimitSeconds } = options;
  const input = randomPeriod(prng(seed), {
    mentors: Math.round(200 * scale),
    cases: Math.round(16_800 * scale),
    stars: Math.round(3_000 * scale),
    towns: Math.round(200 * scale),
    capacity: [80, 110],
    mentorDomains: [1, 2],
  });
  const targets = input.cases.length + input.stars.length + input.towns.length;

  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const result = assignMentors(input);
  const engineMs = performance.now() - t0;
  const engineCpuMs = process.cpuUsage(c0).user / 1000;

  const net = buildNetwork(input, resolveCosts(input.config));
  const t1 = performance.now();
  const lp = transportLp(net);
  const lpBuildMs = performance.now() - t1;
  const highs = await loadHighs();
  const c2 = process.cpuUsage();
  const t2 = performance.now();
  const solved = highs.solve(lp, { output_flag: false, solver, ...(timeLimitSeconds ? { time_limit: timeLimitSeconds } : {}) });
  const highsMs = performance.now() - t2;
  const highsCpuMs = process.cpuUsage(c2).user / 1000;

  return {
    mentors: input.mentors.length,
    targets,
    rows: net.rows.length,
    edges: net.edgeColumn.length,
    engineMs,
    highsMs,
    lpBuildMs,
    ratio: highsMs / engineMs,
    engineCpuMs,
    highsCpuMs,
    highsStatus: solved.Status,
    engineObjective: result.objective,
    highsObjective: solved.ObjectiveValue,
    equal: solved.Status === "Optimal" && Math.abs(result.objective - solved.ObjectiveValue) <= 1e-3,
    assigned: result.assignments.length,
    unassigned: result.unassigned.length,
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const env = process.env;
  const b = await run({
    scale: env.MENTOR_BENCH_SCALE ? Number(env.MENTOR_BENCH_SCALE) : undefined,
    solver: (env.HIGHS_SOLVER as MentorBenchOptions["solver"]) || undefined,
    timeLimitSeconds: env.HIGHS_TIME_LIMIT ? Number(env.HIGHS_TIME_LIMIT) : undefined,
  });
  const ms = (x: number) => `${x.toFixed(0)} ms`;
  console.log(`instance: ${b.mentors} mentors × ${b.targets} targets (${b.rows} rows, ${b.edges} eligible pairs)`);
  console.log("name                     | time       | baseline time (HiGHS) | ratio");
  console.log(`mentor assignment (wall) | ${ms(b.engineMs).padEnd(10)} | ${ms(b.highsMs).padEnd(21)} | ${b.ratio.toFixed(1)}×`);
  console.log(`mentor assignment (cpu)  | ${ms(b.engineCpuMs).padEnd(10)} | ${ms(b.highsCpuMs).padEnd(21)} | ${(b.highsCpuMs / b.engineCpuMs).toFixed(1)}×`);
  console.log(`HiGHS status: ${b.highsStatus}`);
  console.log(`(LP text build for HiGHS, not timed above: ${ms(b.lpBuildMs)})`);
  console.log(`objective: engine ${b.engineObjective}, HiGHS ${b.highsObjective} → ${b.equal ? "equal" : "DIFFERENT"}`);
  console.log(`assigned ${b.assigned}, reported unassigned ${b.unassigned}`);
  if (!b.equal) process.exitCode = 1;
}

/**
 * For `npm run bench`: the full-size instance, with HiGHS (interior point) cut off after two minutes so the run
 * ends; a HiGHS status other than "Optimal" then means it had not finished by then.
 */
export async function figures(): Promise<import("./report.ts").Figure[]> {
  const b = await run({ solver: "ipm", timeLimitSeconds: 120 });
  return [
    {
      bench: "mentors", measure: `assignment, ${b.mentors} mentors × ${b.targets.toLocaleString("en-US")} targets (wall)`, value: b.engineMs, unit: "ms",
      baseline: { name: `HiGHS ipm (${b.highsStatus})`, value: b.highsMs },
      target: "faster than HiGHS and < 2,000 ms", met: b.engineMs < b.highsMs && b.engineMs < 2000,
    },
    {
      bench: "mentors", measure: "assignment (CPU)", value: b.engineCpuMs, unit: "ms",
      baseline: { name: "HiGHS CPU", value: b.highsCpuMs },
    },
    {
      bench: "mentors", measure: `objective equal to HiGHS (${b.engineObjective})`, value: b.equal ? 1 : 0, unit: b.equal ? "yes" : "no — HiGHS did not reach optimality in time",
    },
  ];
}
