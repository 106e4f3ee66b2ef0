-- Hand-written (PostgreSQL only): the outcome "unknown" (ezeep did not answer a write, so it may
-- have applied it) is open like "pending": the entry stays unchained and may be completed once,
-- when the portal has read ezeep back (lib/audit/service.ts `settleUnknown`). A pending entry may
-- become "unknown" first. Everything else of the append-only rules stays as it was.

CREATE OR REPLACE FUNCTION portal_audit_entry_guard() RETURNS trigger AS $$
BEGIN
  IF TG_OP = 'DELETE' OR TG_OP = 'TRUNCATE' THEN
    IF coalesce(current_setting('portal.audit_retention', true), '') = 'on' THEN
      RETURN OLD;
    END IF;
    RAISE EXCEPTION 'audit entries cannot be deleted (append-only audit log)' USING ERRCODE = 'insufficient_privilege';
  END IF;
  -- UPDATE
  IF OLD."outcome" NOT IN ('pending', 'unknown') OR OLD."hash" IS NOT NULL THEN
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
     OR NEW."requestId" IS DISTINCT FROM OLD."requestId" THEN
    RAISE EXCEPTION 'only the outcome of an open audit entry may be recorded (append-only audit log)' USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;
