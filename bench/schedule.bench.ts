/**
 * Benchmark (not a test): schedules built per second by the engine, for 12 monthly installments with 3 tax lines and
 * for 36 and 120 installments, beside a baseline from the same run: a lean hand-written build of the same 12 × 3
 * schedule (the simplest correct code for that one plan, with nothing to compile or check). The cost per installment
 * of each size shows whether the cost grows linearly.
 *   npm run bench
 */
import { addMonths, type CalendarDate } from "../app/domain/dates/calendar-date";
import { allocateByRatios, allocateEqually } from "../app/domain/money/allocate";
import { formatMinorUnits } from "../app/domain/money/minor-units";
import { compilePlanConfig } from "../app/domain/plan/plan-config";
import { buildSchedule } from "../app/domain/schedule/build-schedule";
import { orderSnapshotFromInput } from "../app/domain/schedule/order-input";
import type { OrderSnapshot } from "../app/domain/schedule/order-snapshot";

const TITLES = "Payment [PosNo] of [PosCount]: [InstallmentAmount] due [InstallmentDate]";

const order = orderSnapshotFromInput({
  total: "48213.37",
  currency: "USD",
  timeZone: "America/Chicago",
  orderDate: "2027-01-31",
  paymentDueDate: "2027-01-31",
  taxLines: [
    { title: "Illinois State Tax", amount: "2341.21" },
    { title: "Cook County Tax", amount: "643.09" },
    { title: "Chicago City Tax", amount: "402.77" },
  ],
  now: new Date(),
});

const cases = [
  {
    name: "12 installments, 3 tax lines (20% deposit, the rest equal)",
    installments: 12,
    plan: compilePlanConfig({ period: "1m(12)", rate: "20", titles: TITLES }),
  },
  { name: "36 installments, 3 tax lines", installments: 36, plan: compilePlanConfig({ period: "1m(36)", titles: TITLES }) },
  { name: "120 installments, 3 tax lines", installments: 120, plan: compilePlanConfig({ period: "1m(120)", titles: TITLES }) },
];

/** The 12 × 3 schedule written out by hand: 20% then equal shares, tax by amount then by line, monthly dates. */
function leanSchedule(snapshot: OrderSnapshot): { title: string; amount: bigint; dueDate: CalendarDate; tax: bigint[] }[] {
  const [deposit, rest] = allocateByRatios(snapshot.total, [20n, 80n]) as [bigint, bigint];
  const amounts = [deposit, ...allocateEqually(rest, 11)];
  const taxTotal = snapshot.taxLines.reduce((sum, line) => sum + line.amount, 0n);
  const taxes = allocateByRatios(taxTotal, amounts);
  const unassigned = snapshot.taxLines.map((line) => line.amount);
  return amounts.map((amount, index) => {
    const tax = index === amounts.length - 1 ? unassigned : allocateByRatios(taxes[index] as bigint, unassigned);
    if (index < amounts.length - 1) tax.forEach((share, line) => (unassigned[line] = (unassigned[line] as bigint) - share));
    const dueDate = addMonths(snapshot.paymentDueDate, index);
    const title = `Payment ${index + 1} of 12: ${formatMinorUnits(amount, snapshot.currency)} ${snapshot.currency.code} due ${dueDate}`;
    return { title, amount, dueDate, tax };
  });
}

function rate(build: () => unknown, seconds: number): number {
  const started = process.hrtime.bigint();
  const deadline = started + BigInt(Math.round(seconds * 1e9));
  let builds = 0;
  let now = started;
  while (now < deadline) {
    for (let i = 0; i < 100; i++) build();
    builds += 100;
    now = process.hrtime.bigint();
  }
  return builds / (Number(now - started) / 1e9);
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;

const lean = () => leanSchedule(order);
const builds = cases.map((entry) => () => buildSchedule(entry.plan, order));
for (const build of [lean, ...builds]) rate(build, 0.5); // warm-up: let the JIT settle before measuring

// Rounds alternate between the engine and the baseline, so that a busy machine slows both alike.
const rounds = { lean: [] as number[], engine: cases.map(() => [] as number[]) };
for (let round = 0; round < 5; round++) {
  rounds.lean.push(rate(lean, 1));
  builds.forEach((build, index) => rounds.engine[index]?.push(rate(build, 1)));
}

const baseline = median(rounds.lean);
const results = cases.map((entry, index) => {
  const perSecond = median(rounds.engine[index] as number[]);
  return {
    case: entry.name,
    schedulesPerSecond: Math.round(perSecond),
    microsecondsPerSchedule: Number((1e6 / perSecond).toFixed(2)),
    nanosecondsPerInstallment: Math.round(1e9 / perSecond / entry.installments),
  };
});
const twelve = results[0] as (typeof results)[number];
const largest = results[results.length - 1] as (typeof results)[number];
console.log(
  JSON.stringify(
    {
      benchmark: "buildSchedule",
      results,
      baseline: { case: "the 12 × 3 schedule built by hand (lean, same run)", schedulesPerSecond: Math.round(baseline) },
      engineOverBaseline: Number((twelve.schedulesPerSecond / baseline).toFixed(2)),
      costPerInstallment120Over12: Number((largest.nanosecondsPerInstallment / twelve.nanosecondsPerInstallment).toFixed(2)),
    },
    null,
    2,
  ),
);
