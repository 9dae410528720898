-- Substring searches (ILIKE '%q%', lib/db/like.ts) on trigram GIN indexes, and the tag filter
-- (tags @> ARRAY[tag]) on a GIN index of the array. pg_trgm ships with PostgreSQL (contrib): the
-- system PostgreSQL 15 and the embedded PostgreSQL 17 both have it, and it is a trusted
-- extension (the database's owner may create it without being a superuser).
CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE INDEX "Vm_name_idx" ON "Vm" USING GIN ("name" gin_trgm_ops);
CREATE INDEX "Vm_tags_idx" ON "Vm" USING GIN ("tags");
CREATE INDEX "Activity_resourceName_idx" ON "Activity" USING GIN ("resourceName" gin_trgm_ops);
CREATE INDEX "AuditEvent_actorLabel_idx" ON "AuditEvent" USING GIN ("actorLabel" gin_trgm_ops);
CREATE INDEX "AuditEvent_targetName_idx" ON "AuditEvent" USING GIN ("targetName" gin_trgm_ops);
