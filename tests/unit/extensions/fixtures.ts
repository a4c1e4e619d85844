/**
 * The `_tranche_schedule` attribute exactly as the app writes it (version 2): the issue's order, $22,769.39
 * with Texas State Tax $1,339.38, in three stages. The deposit carries $401.81 of the tax; $15,938.57 is left.
 */
export const SCHEDULE = {
  v: 2,
  currency: 'USD',
  accept: true,
  taxes: ['Texas State Tax'],
  stages: [
    {title: 'Deposit', amount: '6830.82', tax: ['401.81'], dueDate: '2026-11-21'},
    {title: 'Before shipping', amount: '11384.70', tax: ['669.69'], dueDate: null, trigger: {event: 'fulfillmentCreated'}},
    {title: 'Balance', amount: '4553.87', tax: ['267.88'], dueDate: '2027-01-20'},
  ],
};

export const SCHEDULE_JSON = JSON.stringify(SCHEDULE);

export function scheduleWith(patch: Record<string, unknown>): string {
  return JSON.stringify({...SCHEDULE, ...patch});
}

export function stageWith(index: number, patch: Record<string, unknown>): string {
  return JSON.stringify({...SCHEDULE, stages: SCHEDULE.stages.map((stage, i) => (i === index ? {...stage, ...patch} : stage))});
}

/** Version 1, as drafts attached before version 2 still carry it: English `when` phrases, no tax. */
export const SCHEDULE_V1 = {
  v: 1,
  currency: 'USD',
  accept: true,
  stages: [
    {position: 1, title: 'Deposit', amount: '3000.00', dueDate: '2026-11-21', when: 'at checkout'},
    {position: 2, title: 'Before shipping', amount: '5000.00', dueDate: null, when: 'when the order is ready to ship'},
    {position: 3, title: 'Balance', amount: '2000.00', dueDate: '2027-01-20', when: 'on 2027-01-20'},
  ],
};

type Tax = {title: string; amount: string}[];
type Stage = {
  position: number;
  title: string;
  amount: string;
  tax?: Tax;
  status: string;
  dueDate: string | null;
  trigger?: Record<string, unknown>;
  payUrl: string | null;
  /** A signed-in buyer's stage with an invoice: its number and its PDF. */
  invoiceNumber?: string;
  invoicePdfUrl?: string;
};

/** The buyer endpoint's answer; `extra` adds what a current app sends (`remaining`, `paidOnOrder`). */
export function contract(status: string, stages: Stage[], paid = '3000.00', extra: Record<string, unknown> = {}) {
  return {contract: {status, currency: 'USD', total: '10000.00', paid, stages, ...extra}};
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

/** The issue's contract as the app answers on the deposit's thank-you page: the deposit just paid, two stages to come. */
export const ISSUE_CONTRACT = {
  contract: {
    status: 'active',
    currency: 'USD',
    total: '22769.39',
    paid: '6830.82',
    remaining: '15938.57',
    paidOnOrder: {positions: [1], amount: '6830.82', tax: [{title: 'Texas State Tax', amount: '401.81'}]},
    stages: [
      {
        position: 1,
        title: 'Deposit',
        amount: '6830.82',
        tax: [{title: 'Texas State Tax', amount: '401.81'}],
        status: 'paid',
        dueDate: '2026-11-21',
        payUrl: null,
      },
      {
        position: 2,
        title: 'Before shipping',
        amount: '11384.70',
        tax: [{title: 'Texas State Tax', amount: '669.69'}],
        status: 'scheduled',
        dueDate: null,
        trigger: {event: 'fulfillmentCreated'},
        payUrl: null,
      },
      {
        position: 3,
        title: 'Balance',
        amount: '4553.87',
        tax: [{title: 'Texas State Tax', amount: '267.88'}],
        status: 'scheduled',
        dueDate: '2027-01-20',
        payUrl: null,
      },
    ],
  },
};
