-- Hand-written (SQLite): the audit log is append-only at the database level, as on PostgreSQL.
--
-- AuditEntry
--   * DELETE is refused unless the entry lies within its chain's retention checkpoint: retention
--     (lib/audit/retention.ts) first moves the checkpoint, then deletes what lies before it.
--   * UPDATE is refused, except the one completion of a two-phase entry (lib/audit/service.ts):
--     a row that is still 'pending' and not completed may get its outcome, result columns and its
--     completion link once. Who, when, what, "before" and the entry's own link never change.
-- AuditChain
--   * rows are never deleted; the head only grows; the retention checkpoint only moves forward
--     (never past the head); the keyed boundary never changes.
-- SQLite has no TRUNCATE: a DELETE without WHERE fires the row trigger for every row.

CREATE TRIGGER "AuditEntry_append_only_delete" BEFORE DELETE ON "AuditEntry"
WHEN OLD."chainSeq" IS NULL
  OR coalesce(OLD."completionSeq", OLD."chainSeq") > coalesce(
    (SELECT "checkpointSeq" FROM "AuditChain" WHERE "key" = coalesce(OLD."organizationId", 'portal')), 0)
BEGIN
  SELECT RAISE(ABORT, 'audit entries cannot be deleted (append-only audit log)');
END;

CREATE TRIGGER "AuditEntry_append_only_complete" BEFORE UPDATE ON "AuditEntry"
WHEN OLD."outcome" <> 'pending' OR OLD."completionHash" IS NOT NULL
BEGIN
  SELECT RAISE(ABORT, 'audit entry is complete and cannot be changed (append-only audit log)');
END;

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
BEGIN
  SELECT RAISE(ABORT, 'only the outcome of a pending audit entry may be recorded (append-only audit log)');
END;

-- A pending entry linked when written keeps that link and is completed only with a completion
-- link; a legacy pending entry (written before keying, no link) gets its link on completion.
CREATE TRIGGER "AuditEntry_append_only_link" BEFORE UPDATE ON "AuditEntry"
WHEN (OLD."hash" IS NOT NULL AND (
        NEW."chainSeq" IS NOT OLD."chainSeq"
     OR NEW."prevHash" IS NOT OLD."prevHash"
     OR NEW."hash" IS NOT OLD."hash"
     OR NEW."hashVersion" IS NOT OLD."hashVersion"
     OR NEW."pendingDigest" IS NOT OLD."pendingDigest"
     OR NEW."completionSeq" IS NULL
     OR NEW."completionHash" IS NULL))
  OR (OLD."hash" IS NULL AND NEW."hash" IS NULL)
BEGIN
  SELECT RAISE(ABORT, 'a pending audit entry is completed only through its chained completion (append-only audit log)');
END;

CREATE TRIGGER "AuditChain_guard_delete" BEFORE DELETE ON "AuditChain"
BEGIN
  SELECT RAISE(ABORT, 'audit chain heads cannot be deleted');
END;

CREATE TRIGGER "AuditChain_guard_update" BEFORE UPDATE ON "AuditChain"
WHEN NEW."key" IS NOT OLD."key"
  OR NEW."seq" < OLD."seq"
  OR NEW."keyedFromSeq" IS NOT OLD."keyedFromSeq"
  OR NEW."checkpointSeq" < OLD."checkpointSeq"
  OR NEW."checkpointSeq" > NEW."seq"
  OR (NEW."checkpointSeq" = OLD."checkpointSeq" AND NEW."checkpointHash" IS NOT OLD."checkpointHash")
BEGIN
  SELECT RAISE(ABORT, 'an audit chain only grows; its checkpoint changes only through retention');
END;
