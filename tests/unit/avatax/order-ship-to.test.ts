import { describe, expect, it } from "vitest";

import { orderSnapshotFromInput } from "../../../app/domain/schedule/order-input";
import { orderSnapshotFromColumn, orderSnapshotToColumn } from "../../../app/models/contract-columns.server";
import { sampleOrder } from "../domain/sample-order";

describe("the order's shipping address in its snapshot (where AvaTax taxes a shipped order)", () => {
  it("keeps the address as the draft gives it, country upper-cased and blank parts left unknown, through the contract's column", () => {
    const snapshot = orderSnapshotFromInput(
      sampleOrder({ shipTo: { line1: " 600 Congress Ave ", city: "Austin", region: "TX", postalCode: "", country: "us" } }),
    );
    expect(snapshot.shipTo).toEqual({ line1: "600 Congress Ave", city: "Austin", region: "TX", postalCode: null, country: "US" });
    expect(orderSnapshotFromColumn(orderSnapshotToColumn(snapshot)).shipTo).toEqual(snapshot.shipTo);
  });

  it("has none when nothing ships, nor after a round trip of a snapshot stored before it", () => {
    const snapshot = orderSnapshotFromInput(sampleOrder({ shipTo: null }));
    expect("shipTo" in snapshot).toBe(false);
    expect("shipTo" in orderSnapshotFromColumn(orderSnapshotToColumn(snapshot))).toBe(false);
  });

  it("refuses a country that is not a two-letter code, naming the field", () => {
    expect(() => orderSnapshotFromInput(sampleOrder({ shipTo: { country: "USA" } }))).toThrow(/shipTo\.country: "USA" is not a two-letter country code/);
  });
});
