/**
 * Benchmark (not a test): schedules built per second for a 12-installment plan with 3 tax lines.
 *   npm run bench
 */
import { compilePlanConfig } from "../app/domain/plan/plan-config";
import { buildSchedule } from "../app/domain/schedule/build-schedule";
import { orderSnapshotFromInput } from "../app/domain/schedule/order-input";

const plan = compilePlanConfig({ period: "1m(12)", rate: "20", titles: "Payment [PosNo] of [PosCount]: [InstallmentAmount] due [InstallmentDate]" });
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

function run(seconds: number): { builds: number; elapsed: number } {
  const started = process.hrtime.bigint();
  const deadline = started + BigInt(Math.round(seconds * 1e9));
  let builds = 0;
  let now = started;
  while (now < deadline) {
    for (let i = 0; i < 100; i++) buildSchedule(plan, order);
    builds += 100;
    now = process.hrtime.bigint();
  }
  return { builds, elapsed: Number(now - started) / 1e9 };
}

run(1); // warm-up: let the JIT settle before measuring
const rounds = Array.from({ length: 5 }, () => run(2));
const rates = rounds.map(({ builds, elapsed }) => builds / elapsed).sort((a, b) => a - b);
const median = rates[Math.floor(rates.length / 2)] as number;
console.log(
  JSON.stringify({
    benchmark: "buildSchedule, 12 installments, 3 tax lines",
    schedulesPerSecond: { min: Math.round(rates[0] as number), median: Math.round(median), max: Math.round(rates[rates.length - 1] as number) },
    microsecondsPerSchedule: Number((1e6 / median).toFixed(1)),
  }),
);
