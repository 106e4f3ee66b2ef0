-- A settling entry records what reading ezeep back showed for an "unknown" entry (ezeep did not
-- answer a write): it is a new entry pointing at the unknown one (lib/audit/service.ts
-- `settleUnknown`). At most one per unknown entry.

-- AlterTable
ALTER TABLE "AuditEntry" ADD COLUMN     "reconcilesId" INTEGER;

-- CreateIndex
CREATE UNIQUE INDEX "AuditEntry_reconcilesId_key" ON "AuditEntry"("reconcilesId");

-- Hand-written: the guard of 20261130091959_audit_append_only_keyed, unchanged except that
-- "reconcilesId" is one of the columns no update may change.
CREATE OR REPLACE FUNCTION portal_audit_entry_guard() RETURNS trigger AS $$
DECLARE
  checkpoint integer;
BEGIN
  IF TG_OP = 'TRUNCATE' THEN
    RAISE EXCEPTION 'audit entries cannot be deleted (append-only audit log)' USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF TG_OP = 'DELETE' THEN
    SELECT "checkpointSeq" INTO checkpoint FROM "AuditChain" WHERE "key" = coalesce(OLD."organizationId", 'portal');
    IF coalesce(current_setting('portal.audit_retention', true), '') = 'on'
       AND OLD."chainSeq" IS NOT NULL
       AND coalesce(OLD."completionSeq", OLD."chainSeq") <= coalesce(checkpoint, 0) THEN
      RETURN OLD;
    END IF;
    RAISE EXCEPTION 'audit entries cannot be deleted (append-only audit log)' USING ERRCODE = 'insufficient_privilege';
  END IF;
  -- UPDATE
  IF OLD."outcome" <> 'pending' OR OLD."completionHash" IS NOT NULL THEN
    RAISE EXCEPTION 'audit entry % is complete and cannot be changed (append-only audit log)', OLD."id" USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF NEW."id" IS DISTINCT FROM OLD."id"
     OR NEW."organizationId" IS DISTINCT FROM OLD."organizationId"
     OR NEW."at" IS DISTINCT FROM OLD."at"
     OR NEW."actorType" IS DISTINCT FROM OLD."actorType"
     OR NEW."actorId" IS DISTINCT FROM OLD."actorId"
     OR NEW."actorLabel" IS DISTINCT FROM OLD."actorLabel"
     OR NEW."action" IS DISTINCT FROM OLD."action"
     OR NEW."targetType" IS DISTINCT FROM OLD."targetType"
     OR NEW."before" IS DISTINCT FROM OLD."before"
     OR NEW."ip" IS DISTINCT FROM OLD."ip"
     OR NEW."userAgent" IS DISTINCT FROM OLD."userAgent"
     OR NEW."requestId" IS DISTINCT FROM OLD."requestId"
     OR NEW."reconcilesId" IS DISTINCT FROM OLD."reconcilesId" THEN
    RAISE EXCEPTION 'only the outcome of a pending audit entry may be recorded (append-only audit log)' USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF (OLD."hash" IS NOT NULL AND (
        NEW."chainSeq" IS DISTINCT FROM OLD."chainSeq"
     OR NEW."prevHash" IS DISTINCT FROM OLD."prevHash"
     OR NEW."hash" IS DISTINCT FROM OLD."hash"
     OR NEW."hashVersion" IS DISTINCT FROM OLD."hashVersion"
     OR NEW."pendingDigest" IS DISTINCT FROM OLD."pendingDigest"
     OR NEW."completionSeq" IS NULL
     OR NEW."completionHash" IS NULL))
     OR (OLD."hash" IS NULL AND NEW."hash" IS NULL) THEN
    RAISE EXCEPTION 'a pending audit entry is completed only through its chained completion (append-only audit log)' USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;
