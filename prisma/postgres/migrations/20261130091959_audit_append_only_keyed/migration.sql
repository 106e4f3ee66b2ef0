-- Hand-written (PostgreSQL): the append-only rules of 20261124110657_audit_append_only, updated
-- for the keyed chain (lib/audit/chain.ts), where an entry is linked when written (also while
-- pending) and a two-phase entry's completion gets a link of its own.
--
-- AuditEntry
--   * DELETE and TRUNCATE are refused, except inside the retention transaction (SET LOCAL
--     portal.audit_retention = 'on'), and then only for entries within the chain's checkpoint.
--   * UPDATE is refused, except the one completion of a two-phase entry: a row that is still
--     'pending' and not completed may get its outcome, result columns and completion link once.
--     Who, when, what, "before" and the entry's own link never change.
-- AuditChain
--   * rows are never deleted; the head only grows; the retention checkpoint changes only inside
--     the retention transaction; the keyed boundary never changes.

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
     OR NEW."requestId" IS DISTINCT FROM OLD."requestId" THEN
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

CREATE OR REPLACE FUNCTION portal_audit_chain_guard() RETURNS trigger AS $$
BEGIN
  IF TG_OP = 'DELETE' OR TG_OP = 'TRUNCATE' THEN
    RAISE EXCEPTION 'audit chain heads cannot be deleted' USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF NEW."key" IS DISTINCT FROM OLD."key"
     OR NEW."seq" < OLD."seq"
     OR NEW."keyedFromSeq" IS DISTINCT FROM OLD."keyedFromSeq"
     OR NEW."checkpointSeq" > NEW."seq"
     OR NEW."checkpointSeq" < OLD."checkpointSeq"
     OR ((NEW."checkpointSeq" IS DISTINCT FROM OLD."checkpointSeq"
          OR NEW."checkpointHash" IS DISTINCT FROM OLD."checkpointHash")
         AND coalesce(current_setting('portal.audit_retention', true), '') <> 'on') THEN
    RAISE EXCEPTION 'an audit chain only grows; its checkpoint changes only through retention' USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;
