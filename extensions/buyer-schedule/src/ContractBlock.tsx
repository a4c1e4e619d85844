/** @jsxImportSource preact */
import type {ContractStore} from './contract-store';
import {contractView, type BlockPage, type ContractView, type DueStageView, type StageRowView} from './contract-view';
import type {Formatter} from './format';

/** The thank-you / order-status block: reads the store (subscribing to it) and renders the view. */
export function ContractBlock({store, page, format}: {store: ContractStore; page: BlockPage; format: Formatter}) {
  return <ContractScheduleView view={contractView(store.state.value, page, format)} />;
}

/** The view; `embedded` (the customer account's plans page) leaves out the heading, which the page's section shows. */
export function ContractScheduleView({view, embedded = false}: {view: ContractView; embedded?: boolean}) {
  switch (view.kind) {
    case 'hidden':
      return null;
    case 'loading':
      return (
        <s-stack gap="base">
          <s-heading>{view.heading}</s-heading>
          <s-skeleton-paragraph />
        </s-stack>
      );
    case 'error':
      return (
        <s-banner tone="warning" heading={view.heading}>
          {view.message}
        </s-banner>
      );
    case 'schedule':
      return (
        <s-stack gap="base">
          {embedded ? null : <s-heading>{view.heading}</s-heading>}
          {view.paidOnOrder ? (
            <s-stack gap="none">
              <s-text type="strong">{view.paidOnOrder.line}</s-text>
              {view.paidOnOrder.discount ? <s-text>{view.paidOnOrder.discount}</s-text> : null}
              <s-text color="subdued">{view.paidOnOrder.titles}</s-text>
            </s-stack>
          ) : null}
          {view.summary ? <s-banner tone={view.summary.tone === 'neutral' ? 'auto' : view.summary.tone}>{view.summary.text}</s-banner> : null}
          {view.due.map((stage) => (
            <DueStage key={stage.position} stage={stage} />
          ))}
          {view.next ? <s-text>{view.next}</s-text> : null}
          {view.toCome ? (
            <s-stack gap="small">
              {view.toCome.total ? <s-text type="strong">{view.toCome.total}</s-text> : null}
              {view.toCome.rows.map((row) => (
                <StageRow key={row.position} row={row} />
              ))}
            </s-stack>
          ) : null}
          <s-stack gap="small">
            <s-text>{view.progress}</s-text>
            {view.settled.map((row) => (
              <StageRow key={row.position} row={row} />
            ))}
          </s-stack>
          {view.portal ? <s-link href={view.portal.url}>{view.portal.label}</s-link> : null}
        </s-stack>
      );
  }
}

export function DueStage({stage}: {stage: DueStageView}) {
  return (
    <s-banner tone={stage.tone} heading={stage.message}>
      <s-stack gap="small">
        <s-text>{stage.text}</s-text>
        <s-button href={stage.payUrl} variant="primary">
          {stage.payLabel}
        </s-button>
      </s-stack>
    </s-banner>
  );
}

export function StageRow({row}: {row: StageRowView}) {
  return (
    <s-stack direction="inline" justifyContent="space-between" gap="base">
      <s-stack gap="none">
        <s-text>{row.title}</s-text>
        {row.dateLabel ? <s-text color="subdued">{row.dateLabel}</s-text> : null}
        {row.taxNote ? <s-text color="subdued">{row.taxNote}</s-text> : null}
        {row.invoice ? <s-link href={row.invoice.url}>{row.invoice.label}</s-link> : null}
      </s-stack>
      <s-stack direction="inline" gap="small" alignItems="center">
        <s-badge tone={row.tone === 'critical' ? 'critical' : 'neutral'}>{row.statusLabel}</s-badge>
        <s-text>{row.amount}</s-text>
      </s-stack>
    </s-stack>
  );
}
