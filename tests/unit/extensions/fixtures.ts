/** The `_tranche_schedule` attribute exactly as the app writes it (the brief's example). */
export const SCHEDULE = {
  v: 1,
  currency: 'USD',
  accept: true,
  stages: [
    {position: 1, title: 'Deposit', amount: '3000.00', dueDate: '2026-11-21', when: 'at checkout'},
    {position: 2, title: 'Before shipping', amount: '5000.00', dueDate: null, when: 'when the order is ready to ship'},
    {position: 3, title: 'Balance', amount: '2000.00', dueDate: '2027-01-20', when: 'on 2027-01-20'},
  ],
};

export const SCHEDULE_JSON = JSON.stringify(SCHEDULE);

export function scheduleWith(patch: Record<string, unknown>): string {
  return JSON.stringify({...SCHEDULE, ...patch});
}

export function stageWith(index: number, patch: Record<string, unknown>): string {
  return JSON.stringify({...SCHEDULE, stages: SCHEDULE.stages.map((stage, i) => (i === index ? {...stage, ...patch} : stage))});
}

type Stage = {position: number; title: string; amount: string; status: string; dueDate: string | null; payUrl: string | null};

export function contract(status: string, stages: Stage[], paid = '3000.00') {
  return {contract: {status, currency: 'USD', total: '10000.00', paid, stages}};
}

export const DEPOSIT_PAID: Stage = {position: 1, title: 'Deposit', amount: '3000.00', status: 'paid', dueDate: '2026-11-21', payUrl: null};
export const SHIPPING_INVOICED: Stage = {
  position: 2,
  title: 'Before shipping',
  amount: '5000.00',
  status: 'invoiced',
  dueDate: '2026-12-01',
  payUrl: 'https://shop.example/invoices/abc',
};
export const BALANCE_SCHEDULED: Stage = {position: 3, title: 'Balance', amount: '2000.00', status: 'scheduled', dueDate: '2027-01-20', payUrl: null};
