/** Small builders for engine inputs, plus a seeded random period for the optimality test and the benchmark. */
import { DOMAINS } from "../../../ledger/choices.ts";
import type { AssignmentInput, ComplexCase, Domain, Mentor, PreviousAssignment, StarMediator, TownNeed } from "../../../worker/mentors/types.ts";
import { randomInt } from "./helpers.ts";

export function mentor(id: string, expertise: Domain[], capacity = 5, unit = `${id}单位`): Mentor {
  return { id, name: `导师${id}`, tier: "gold", unit, expertise, capacity, active: true };
}

export function star(id: string, num: number, den: number, overdueCases = 0): StarMediator {
  return { id, name: `星牌${id}`, unit: "某司法所", successRate: { num, den }, overdueCases };
}

export function complexCase(id: string, domain: Domain, respondent = "某公司", complexity: "复杂" | "重大" = "复杂"): ComplexCase {
  return { id, unit: "区调委会", caseNo: id, domain, complexity, respondent };
}

export function town(name: string, num: number, den: number, overdueCases = 0, minVisits = 1, maxVisits = 3): TownNeed {
  return { town: name, successRate: { num, den }, overdueCases, minVisits, maxVisits };
}

export function period(parts: Partial<AssignmentInput>): AssignmentInput {
  return { period: "2026-11", mentors: [], stars: [], cases: [], towns: [], previous: [], ...parts };
}

export interface RandomSize {
  mentors: number;
  cases: number;
  stars: number;
  towns: number;
  capacity: [number, number];
  mentorDomains: [number, number];
}

/** A random but reproducible period: rand decides every field, so a seed pins the instance. */
export function randomPeriod(rand: () => number, size: RandomSize): AssignmentInput {
  const units = ["区住建局", "区人社局", "区卫健委", "区教育局", "区城管局", "某街道办", "某集团", "区司法局"];
  const pickDomains = (lo: number, hi: number): Domain[] => {
    const set = new Set<Domain>();
    const n = randomInt(rand, lo, hi);
    while (set.size < n) set.add(DOMAINS[randomInt(rand, 0, DOMAINS.length - 1)]);
    return [...set];
  };
  const mentors: Mentor[] = [];
  for (let i = 0; i < size.mentors; i++) {
    const m = mentor(`M${String(i).padStart(4, "0")}`, pickDomains(...size.mentorDomains), randomInt(rand, ...size.capacity), units[randomInt(rand, 0, units.length - 1)]);
    m.active = rand() > 0.05;
    mentors.push(m);
  }
  const cases: ComplexCase[] = [];
  for (let i = 0; i < size.cases; i++) {
    const c = complexCase(`C${String(i).padStart(6, "0")}`, DOMAINS[randomInt(rand, 0, DOMAINS.length - 1)], units[randomInt(rand, 0, units.length - 1)], rand() < 0.2 ? "重大" : "复杂");
    if (rand() < 0.1 && mentors.length > 0) c.hasMentorId = mentors[randomInt(rand, 0, mentors.length - 1)].id;
    cases.push(c);
  }
  const stars: StarMediator[] = [];
  for (let i = 0; i < size.stars; i++) {
    const den = randomInt(rand, 0, 60);
    const s = star(`S${String(i).padStart(5, "0")}`, randomInt(rand, 0, den), den, randomInt(rand, 0, 12));
    if (rand() < 0.7) s.expertise = pickDomains(1, 1);
    stars.push(s);
  }
  const towns: TownNeed[] = [];
  for (let i = 0; i < size.towns; i++) {
    const den = randomInt(rand, 0, 200);
    const minVisits = randomInt(rand, 1, 2);
    towns.push(town(`T${String(i).padStart(4, "0")}镇`, randomInt(rand, Math.floor(den / 2), den), den, randomInt(rand, 0, 5), minVisits, minVisits + randomInt(rand, 0, 2)));
  }
  const previous: PreviousAssignment[] = [];
  const pick = <T>(list: T[]) => list[randomInt(rand, 0, list.length - 1)];
  for (let i = 0; i < (size.stars + size.cases + size.towns) / 4 && mentors.length > 0; i++) {
    const kind = pick(["pairing", "case", "visit"] as const);
    const targets = kind === "pairing" ? stars.map((s) => s.id) : kind === "case" ? cases.map((c) => c.id) : towns.map((t) => t.town);
    if (targets.length === 0) continue;
    previous.push({ kind, mentorId: pick(mentors).id, targetId: pick(targets), period: rand() < 0.8 ? "2026-10" : "2026-09" });
  }
  return { period: "2026-11", mentors, stars, cases, towns, previous };
}
