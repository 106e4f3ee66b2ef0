-- A settling entry records what reading ezeep back showed for an "unknown" entry (ezeep did not
-- answer a write): it is a new entry pointing at the unknown one (lib/audit/service.ts
-- `settleUnknown`). At most one per unknown entry.

-- AlterTable
ALTER TABLE "AuditEntry" ADD COLUMN "reconcilesId" INTEGER;

-- CreateIndex
CREATE UNIQUE INDEX "AuditEntry_reconcilesId_key" ON "AuditEntry"("reconcilesId");

-- Hand-written: the append-only rules of 20261130091959_audit_append_only_keyed, unchanged except
-- that "reconcilesId" is one of the columns no update may change.
DROP TRIGGER "AuditEntry_append_only_identity";

CREATE TRIGGER "AuditEntry_append_only_identity" BEFORE UPDATE ON "AuditEntry"
WHEN NEW."id" IS NOT OLD."id"
  OR NEW."organizationId" IS NOT OLD."organizationId"
  OR NEW."at" IS NOT OLD."at"
  OR NEW."actorType" IS NOT OLD."actorType"
  OR NEW."actorId" IS NOT OLD."actorId"
  OR NEW."actorLabel" IS NOT OLD."actorLabel"
  OR NEW."action" IS NOT OLD."action"
  OR NEW."targetType" IS NOT OLD."targetType"
  OR NEW."before" IS NOT OLD."before"
  OR NEW."ip" IS NOT OLD."ip"
  OR NEW."userAgent" IS NOT OLD."userAgent"
  OR NEW."requestId" IS NOT OLD."requestId"
  OR NEW."reconcilesId" IS NOT OLD."reconcilesId"
BEGIN
  SELECT RAISE(ABORT, 'only the outcome of a pending audit entry may be recorded (append-only audit log)');
END;
