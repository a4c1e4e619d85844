/** A plan that cannot be attached to this draft order, with the reason staff can act on. */
export class AttachPlanError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "AttachPlanError";
  }
}
