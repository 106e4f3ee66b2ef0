-- Hand-written (PostgreSQL only): the audit log is append-only at the database level.
--
-- AuditEntry
--   * DELETE and TRUNCATE are refused, except inside the retention transaction, which runs
--     `SET LOCAL portal.audit_retention = 'on'` (lib/audit/retention.ts).
--   * UPDATE is refused, except the one completion of a two-phase entry (lib/audit/service.ts):
--     a row that is still 'pending' and not yet chained (hash IS NULL) may get its outcome,
--     result columns and chain link once. Who, when, what and "before" never change.
-- AuditChain
--   * the retention checkpoint changes only inside the retention transaction; rows are never deleted.

CREATE OR REPLACE FUNCTION portal_audit_entry_guard() RETURNS trigger AS $$
BEGIN
  IF TG_OP = 'DELETE' OR TG_OP = 'TRUNCATE' THEN
    IF coalesce(current_setting('portal.audit_retention', true), '') = 'on' THEN
      RETURN OLD;
    END IF;
    RAISE EXCEPTION 'audit entries cannot be deleted (append-only audit log)' USING ERRCODE = 'insufficient_privilege';
  END IF;
  -- UPDATE
  IF OLD."outcome" <> 'pending' OR OLD."hash" IS NOT NULL THEN
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
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER "AuditEntry_append_only_row"
  BEFORE UPDATE OR DELETE ON "AuditEntry"
  FOR EACH ROW EXECUTE FUNCTION portal_audit_entry_guard();

CREATE TRIGGER "AuditEntry_append_only_truncate"
  BEFORE TRUNCATE ON "AuditEntry"
  FOR EACH STATEMENT EXECUTE FUNCTION portal_audit_entry_guard();

CREATE OR REPLACE FUNCTION portal_audit_chain_guard() RETURNS trigger AS $$
BEGIN
  IF coalesce(current_setting('portal.audit_retention', true), '') = 'on' THEN
    IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
    RETURN NEW;
  END IF;
  IF TG_OP = 'DELETE' OR TG_OP = 'TRUNCATE' THEN
    RAISE EXCEPTION 'audit chain heads cannot be deleted' USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF NEW."key" IS DISTINCT FROM OLD."key"
     OR NEW."checkpointSeq" IS DISTINCT FROM OLD."checkpointSeq"
     OR NEW."checkpointHash" IS DISTINCT FROM OLD."checkpointHash"
     OR NEW."seq" < OLD."seq" THEN
    RAISE EXCEPTION 'an audit chain only grows; its checkpoint changes only through retention' USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER "AuditChain_guard_row"
  BEFORE UPDATE OR DELETE ON "AuditChain"
  FOR EACH ROW EXECUTE FUNCTION portal_audit_chain_guard();

CREATE TRIGGER "AuditChain_guard_truncate"
  BEFORE TRUNCATE ON "AuditChain"
  FOR EACH STATEMENT EXECUTE FUNCTION portal_audit_chain_guard();
