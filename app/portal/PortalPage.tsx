import type { CSSProperties, ReactNode } from "react";

import { messageLocaleOf } from "../locale/format";
import type { PortalContract, PortalSeller, PortalStage, PortalStatement, PortalView } from "../services/buyer-portal/portal-view";
import type { StatementField, StatementProblem } from "../services/buyer-portal/statement-request";
import type { PortalMessages } from "./messages/en";
import { portalMessagesFor } from "./portal-messages";

/** The buyer's portal: their contracts with schedules and invoices, and the account statement, in the seller's colours. */
export function PortalPage({ view }: { readonly view: PortalView }) {
  const messages = portalMessagesFor(view.locale);
  return (
    <PortalFrame locale={view.locale} seller={view.seller}>
      <h1>{messages.heading}</h1>
      <p className="portal-muted">{messages.intro(view.seller.name)}</p>
      {view.contracts.map((contract) => (
        <ContractSection key={contract.id} contract={contract} messages={messages} />
      ))}
      <StatementSection statement={view.statement} messages={messages} />
    </PortalFrame>
  );
}

/** A page with no contract to show (a link that does not work): the title and what to do, in the visitor's language. */
export function PortalMessagePage({ locale, title, message }: { readonly locale: string; readonly title: string; readonly message: string }) {
  return (
    <PortalFrame locale={locale} seller={null}>
      <h1>{title}</h1>
      <p>{message}</p>
    </PortalFrame>
  );
}

function PortalFrame({ locale, seller, children }: { readonly locale: string; readonly seller: PortalSeller | null; readonly children: ReactNode }) {
  const brand = seller ? ({ "--brand": seller.primaryColor } as CSSProperties) : undefined;
  // The language the page's words are in: a Japanese browser reads English words (with Japanese dates and money).
  const lang = messageLocaleOf(locale);
  return (
    <div className="portal" lang={lang} style={brand}>
      {seller ? (
        <header className="portal-header">
          {seller.logoUrl ? <img className="portal-logo" src={seller.logoUrl} alt={seller.name} /> : null}
          <p className="portal-seller" aria-hidden={seller.logoUrl ? true : undefined}>
            {seller.name}
          </p>
        </header>
      ) : null}
      <main className="portal-main">{children}</main>
      {seller ? <footer className="portal-footer">{seller.footer}</footer> : null}
    </div>
  );
}

function contractName(contract: PortalContract, messages: PortalMessages): string {
  if (contract.orderName) return messages.order(contract.orderName);
  return contract.quoteName ? messages.quote(contract.quoteName) : messages.heading;
}

function ContractSection({ contract, messages }: { readonly contract: PortalContract; readonly messages: PortalMessages }) {
  const name = contractName(contract, messages);
  const headingId = `contract-${contract.id}`;
  return (
    <section className="portal-card" aria-labelledby={headingId}>
      <div className="portal-card-head">
        <h2 id={headingId}>{name}</h2>
        <span className={`portal-status portal-status-${contract.status}`}>{messages.contractStatus[contract.status]}</span>
      </div>
      {contract.orderName && contract.quoteName ? <p className="portal-muted">{messages.quote(contract.quoteName)}</p> : null}
      <div className="portal-table-wrap" role="region" aria-labelledby={headingId} tabIndex={0}>
        <table>
          <caption className="portal-visually-hidden">{messages.scheduleCaption(name)}</caption>
          <thead>
            <tr>
              <th scope="col">{messages.payment}</th>
              <th scope="col" className="portal-number">
                {messages.amount}
              </th>
              <th scope="col">{messages.due}</th>
              <th scope="col">{messages.state}</th>
              <th scope="col">{messages.documents}</th>
            </tr>
          </thead>
          <tbody>
            {contract.stages.map((stage) => (
              <StageRow key={stage.position} stage={stage} messages={messages} />
            ))}
          </tbody>
        </table>
      </div>
      <dl className="portal-totals">
        <Total label={messages.total} value={contract.total} />
        <Total label={messages.paidNetOfRefunds} value={contract.paid} />
        {contract.discount ? <Total label={contract.discount.label} value={contract.discount.amount} /> : null}
        {contract.refunded ? <Total label={messages.refunded} value={contract.refunded} /> : null}
        <Total label={messages.outstanding} value={contract.outstanding} />
      </dl>
    </section>
  );
}

/** A plan's stage is headed "Payment 2 of 3" above its title; a late fee by its title alone. */
function StageRow({ stage, messages }: { readonly stage: PortalStage; readonly messages: PortalMessages }) {
  const { numbering } = stage;
  const payment = numbering.lateFee ? null : messages.paymentOf(numbering.position, numbering.count);
  const name = payment ?? stage.title;
  return (
    <tr>
      <th scope="row">
        {payment === null ? (
          stage.title
        ) : (
          <>
            {payment}
            <span className="portal-stage-title">{stage.title}</span>
          </>
        )}
      </th>
      <td className="portal-number">
        {stage.amount}
        {stage.taxLines.map((line) => (
          <span key={line.title} className="portal-tax">
            {messages.includesTax(line.title, line.amount)}
          </span>
        ))}
      </td>
      <td>
        {stage.dueDate ?? stage.waitsFor ?? messages.notDated}
        {stage.terms.map((sentence) => (
          <span key={sentence} className="portal-terms">
            {sentence}
          </span>
        ))}
      </td>
      <td>
        <span className={`portal-state portal-state-${stage.state}`}>{messages.stageStates[stage.state]}</span>
        {stage.settledWithDiscount ? <span className="portal-terms">{stage.settledWithDiscount}</span> : null}
        {stage.payUrl ? (
          <>
            <br />
            <a className="portal-button" href={stage.payUrl} aria-label={messages.payNowOf(name)}>
              {messages.payNow}
            </a>
          </>
        ) : null}
      </td>
      <td>
        {stage.invoice ? (
          <a href={stage.invoice.url} aria-label={messages.invoicePdfOf(stage.invoice.number, name)}>
            {messages.invoicePdf(stage.invoice.number)}
          </a>
        ) : null}
      </td>
    </tr>
  );
}

function Total({ label, value }: { readonly label: string; readonly value: string }) {
  return (
    <div>
      <dt>{label}</dt>
      <dd>{value}</dd>
    </div>
  );
}

function StatementSection({ statement, messages }: { readonly statement: PortalStatement; readonly messages: PortalMessages }) {
  const problemOf = (field: StatementField) => statement.issues.find((issue) => issue.field === field)?.problem;
  // A field with a problem says so to assistive technology, and points at the words that explain it.
  const controlProps = (field: StatementField) => ({
    id: `statement-${field}`,
    name: field,
    defaultValue: statement.form[field],
    ...(problemOf(field) ? { "aria-invalid": true, "aria-describedby": `statement-${field}-error` } : {}),
  });
  const shown = statement.shown;
  return (
    <section className="portal-card" aria-labelledby="statement-heading">
      <h2 id="statement-heading">{messages.statement}</h2>
      <p className="portal-muted">{messages.statementIntro}</p>
      <form className="portal-form" method="get">
        <FormField field="from" label={messages.from} problem={problemOf("from")} messages={messages}>
          <input type="date" {...controlProps("from")} />
        </FormField>
        <FormField field="to" label={messages.to} problem={problemOf("to")} messages={messages}>
          <input type="date" {...controlProps("to")} />
        </FormField>
        {statement.currencies.length > 1 || problemOf("currency") ? (
          <FormField field="currency" label={messages.currency} problem={problemOf("currency")} messages={messages}>
            <select {...controlProps("currency")}>
              {statement.currencies.map((code) => (
                <option key={code} value={code}>
                  {code}
                </option>
              ))}
            </select>
          </FormField>
        ) : null}
        <button className="portal-button" type="submit">
          {messages.showStatement}
        </button>
      </form>
      {shown ? (
        <>
          <div className="portal-table-wrap" role="region" aria-labelledby="statement-heading" tabIndex={0}>
            <table>
              <caption className="portal-visually-hidden">
                {messages.statement} {messages.period(shown.from, shown.to)} {shown.currency}
              </caption>
              <thead>
                <tr>
                  <th scope="col">{messages.date}</th>
                  <th scope="col">{messages.reference}</th>
                  <th scope="col">{messages.description}</th>
                  <th scope="col" className="portal-number">
                    {messages.debit}
                  </th>
                  <th scope="col" className="portal-number">
                    {messages.credit}
                  </th>
                  <th scope="col" className="portal-number">
                    {messages.balance}
                  </th>
                </tr>
              </thead>
              <tbody>
                <BalanceRow date={shown.from} label={messages.openingBalance} amount={shown.opening} />
                {shown.lines.length === 0 ? (
                  <tr>
                    <td colSpan={6}>{messages.noActivity}</td>
                  </tr>
                ) : (
                  shown.lines.map((line, index) => (
                    <tr key={index}>
                      <td>{line.date}</td>
                      <td>{line.reference}</td>
                      <td>{line.description}</td>
                      <td className="portal-number">{line.debit}</td>
                      <td className="portal-number">{line.credit}</td>
                      <td className="portal-number">{line.balance}</td>
                    </tr>
                  ))
                )}
                <BalanceRow date={shown.to} label={messages.closingBalance} amount={shown.closing} />
              </tbody>
            </table>
          </div>
          {shown.inCredit ? <p>{messages.balanceInCredit}</p> : null}
          <p>
            <a className="portal-button" href={shown.pdfUrl}>
              {messages.downloadPdf}
            </a>
          </p>
        </>
      ) : null}
    </section>
  );
}

function FormField(props: {
  readonly field: StatementField;
  readonly label: string;
  readonly problem: StatementProblem | undefined;
  readonly messages: PortalMessages;
  readonly children: ReactNode;
}) {
  return (
    <div className="portal-field">
      <label htmlFor={`statement-${props.field}`}>{props.label}</label>
      {props.children}
      {props.problem ? (
        <p id={`statement-${props.field}-error`} className="portal-field-error">
          {props.messages.statementProblems[props.problem]}
        </p>
      ) : null}
    </div>
  );
}

function BalanceRow({ date, label, amount }: { readonly date: string; readonly label: string; readonly amount: string }) {
  return (
    <tr className="portal-balance-row">
      <td>{date}</td>
      <td />
      <th scope="row">{label}</th>
      <td />
      <td />
      <td className="portal-number">{amount}</td>
    </tr>
  );
}
