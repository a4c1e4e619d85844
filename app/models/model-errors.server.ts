/** A row that does not exist for this shop. Another shop's id gets the same answer as an id that never existed. */
export class NotFoundError extends Error {
  readonly entity: string;
  readonly id: string;

  constructor(entity: string, id: string) {
    super(`${entity} ${id} was not found`);
    this.name = "NotFoundError";
    this.entity = entity;
    this.id = id;
  }
}

/** The contract changed since the caller read it: reload and decide again rather than overwrite someone's change. */
export class ConcurrencyConflictError extends Error {
  readonly contractId: string;
  readonly expectedVersion: number;

  constructor(contractId: string, expectedVersion: number) {
    super(`contract ${contractId} was changed by someone else since version ${expectedVersion}; reload it and try again`);
    this.name = "ConcurrencyConflictError";
    this.contractId = contractId;
    this.expectedVersion = expectedVersion;
  }
}
