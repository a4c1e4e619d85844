-- The books date revenue by the day the goods shipped and cancellations by the day they happened (calendar days in
-- the contract's zone). The sync records fulfilledOn when it next reads the main order fully fulfilled.
ALTER TABLE "Contract" ADD COLUMN "fulfilledOn" TEXT,
ADD COLUMN "cancelledOn" TEXT;

-- Contracts cancelled before this column existed: the day of their cancellation in the audit log.
UPDATE "Contract" AS c
SET "cancelledOn" = to_char(
  (COALESCE(
    (SELECT max(a."createdAt") FROM "AuditLog" AS a WHERE a."contractId" = c."id" AND a."action" = 'contract.cancelled'),
    c."updatedAt"
  ) AT TIME ZONE 'UTC') AT TIME ZONE c."timeZone",
  'YYYY-MM-DD'
)
WHERE c."status" = 'cancelled';
