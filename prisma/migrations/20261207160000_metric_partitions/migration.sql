-- The metric tables partitioned by time (PostgreSQL declarative partitioning), so retention
-- drops whole partitions instead of deleting rows (issue 17, "Beyond one database").
--
-- MetricSample: RANGE ("at"), one partition per UTC day (raw samples are kept 48 h: about three
--   day partitions live, and the hourly retention job drops one a day).
-- MetricRollup: RANGE ("resolution", "bucket"), one partition per resolution and UTC month
--   (hourly rows are kept 90 days, daily ones 730: about 4 + 25 month partitions; a day per
--   partition would make ~800 of them for the daily rows). One level with a two-column key
--   rather than LIST (resolution) over RANGE (bucket): the key columns are already the
--   primary key's, and no intermediate table shows up in Prisma's view of the schema.
-- Each has a DEFAULT partition that takes anything outside the created ranges, so an insert
-- never fails; the upkeep moves such rows into their partition when it creates it.
-- A partitioned table's primary key must contain its partition key: MetricSample loses its
-- surrogate `id` (nothing read it) and its natural key (tenant, resource, metric, at), already
-- unique, becomes the primary key.

-- ───────────────────────── Upkeep functions ─────────────────────────

-- The partitions of `parent` with their bounds (DEFAULT excluded): lead is the resolution of a
-- MetricRollup partition, null for MetricSample.
CREATE FUNCTION metric_partitions(p_parent text)
RETURNS TABLE (name text, lead text, lower_at timestamp, upper_at timestamp)
LANGUAGE sql STABLE AS $fn$
  SELECT c.relname::text,
         (regexp_match(b, $re$FROM \('(\w+)', $re$))[1],
         (regexp_match(b, $re$FROM \((?:'\w+', )?'([^']+)'\)$re$))[1]::timestamp,
         (regexp_match(b, $re$TO \((?:'\w+', )?'([^']+)'\)$re$))[1]::timestamp
  FROM pg_inherits i
  JOIN pg_class c ON c.oid = i.inhrelid
  CROSS JOIN LATERAL pg_get_expr(c.relpartbound, c.oid) AS b
  WHERE i.inhparent = format('%I', p_parent)::regclass AND b <> 'DEFAULT'
$fn$;

-- Creates the missing partitions of `parent` (key column `p_key`, by `p_unit`: 'day' or
-- 'month') covering [p_from, p_to); rows the DEFAULT partition holds for a new range are moved
-- into it. Returns how many were created.
CREATE FUNCTION metric_partition_ensure(p_parent text, p_key text, p_lead text, p_unit text, p_from timestamp, p_to timestamp)
RETURNS integer LANGUAGE plpgsql AS $fn$
DECLARE
  step interval := ('1 ' || p_unit)::interval;
  lo timestamp := date_trunc(p_unit, p_from);
  hi timestamp;
  part text;
  def text := p_parent || '_default';
  cond text;
  b_lo text;
  b_hi text;
  has_rows boolean;
  created integer := 0;
BEGIN
  WHILE lo < p_to LOOP
    hi := lo + step;
    part := p_parent || '_' || COALESCE(lower(p_lead) || '_', '') || to_char(lo, CASE p_unit WHEN 'day' THEN 'YYYYMMDD' ELSE 'YYYYMM' END);
    IF to_regclass(format('%I', part)) IS NULL THEN
      b_lo := CASE WHEN p_lead IS NULL THEN format('(%L)', to_char(lo, 'YYYY-MM-DD HH24:MI:SS')) ELSE format('(%L, %L)', p_lead, to_char(lo, 'YYYY-MM-DD HH24:MI:SS')) END;
      b_hi := CASE WHEN p_lead IS NULL THEN format('(%L)', to_char(hi, 'YYYY-MM-DD HH24:MI:SS')) ELSE format('(%L, %L)', p_lead, to_char(hi, 'YYYY-MM-DD HH24:MI:SS')) END;
      cond := CASE WHEN p_lead IS NULL THEN '' ELSE format('"resolution" = %L AND ', p_lead) END
              || format('%I >= %L AND %I < %L', p_key, lo, p_key, hi);
      EXECUTE format('SELECT EXISTS (SELECT 1 FROM %I WHERE %s)', def, cond) INTO has_rows;
      IF has_rows THEN
        EXECUTE format('CREATE TABLE %I (LIKE %I INCLUDING DEFAULTS)', part, p_parent);
        EXECUTE format('WITH moved AS (DELETE FROM %I WHERE %s RETURNING *) INSERT INTO %I SELECT * FROM moved', def, cond, part);
        EXECUTE format('ALTER TABLE %I ATTACH PARTITION %I FOR VALUES FROM %s TO %s', p_parent, part, b_lo, b_hi);
      ELSE
        EXECUTE format('CREATE TABLE %I PARTITION OF %I FOR VALUES FROM %s TO %s', part, p_parent, b_lo, b_hi);
      END IF;
      created := created + 1;
    END IF;
    lo := hi;
  END LOOP;
  RETURN created;
END
$fn$;

-- Drops the partitions of `parent` wholly before `p_before` (floored to the unit: the partition
-- holding the cutoff is kept whole), then deletes what the DEFAULT partition holds before it.
CREATE FUNCTION metric_partition_drop(p_parent text, p_key text, p_lead text, p_unit text, p_before timestamp, OUT dropped text[], OUT deleted bigint)
LANGUAGE plpgsql AS $fn$
DECLARE
  cut timestamp := date_trunc(p_unit, p_before);
  r record;
BEGIN
  dropped := '{}';
  FOR r IN SELECT p.name FROM metric_partitions(p_parent) p WHERE p.lead IS NOT DISTINCT FROM p_lead AND p.upper_at <= cut ORDER BY p.lower_at LOOP
    EXECUTE format('DROP TABLE %I', r.name);
    dropped := dropped || r.name;
  END LOOP;
  EXECUTE format('DELETE FROM %I WHERE %s%I < %L', p_parent || '_default',
                 CASE WHEN p_lead IS NULL THEN '' ELSE format('"resolution" = %L AND ', p_lead) END, p_key, cut);
  GET DIAGNOSTICS deleted = ROW_COUNT;
END
$fn$;

-- The whole upkeep, one transaction, one run at a time (an advisory lock: concurrent callers
-- wait, then find nothing left to do): partitions from each retention cutoff to `p_days_ahead`
-- days (samples) and `p_months_ahead` months (rollups) past `p_now`, and, when `p_drop`, the
-- partitions wholly older than the cutoffs dropped. MetricRollup before MetricSample: the
-- rollup's INSERT … SELECT locks them in that order.
CREATE FUNCTION metric_partitions_upkeep(p_now timestamp, p_raw_before timestamp, p_hour_before timestamp, p_day_before timestamp,
                                         p_drop boolean DEFAULT true, p_days_ahead integer DEFAULT 3, p_months_ahead integer DEFAULT 2)
RETURNS jsonb LANGUAGE plpgsql AS $fn$
DECLARE
  months_to timestamp := date_trunc('month', p_now) + (p_months_ahead + 1) * interval '1 month';
  days_to timestamp := date_trunc('day', p_now) + (p_days_ahead + 1) * interval '1 day';
  created integer := 0;
  d_hour record;
  d_day record;
  d_raw record;
BEGIN
  PERFORM pg_advisory_xact_lock(hashtext('metric_partitions_upkeep'));
  PERFORM set_config('lock_timeout', '10s', true);
  created := created + metric_partition_ensure('MetricRollup', 'bucket', 'HOUR', 'month', p_hour_before, months_to);
  created := created + metric_partition_ensure('MetricRollup', 'bucket', 'DAY', 'month', p_day_before, months_to);
  created := created + metric_partition_ensure('MetricSample', 'at', NULL, 'day', p_raw_before, days_to);
  IF NOT p_drop THEN
    RETURN jsonb_build_object('created', created, 'dropped', '[]'::jsonb, 'deleted', jsonb_build_object('raw', 0, 'hour', 0, 'day', 0));
  END IF;
  SELECT * INTO d_hour FROM metric_partition_drop('MetricRollup', 'bucket', 'HOUR', 'month', p_hour_before);
  SELECT * INTO d_day FROM metric_partition_drop('MetricRollup', 'bucket', 'DAY', 'month', p_day_before);
  SELECT * INTO d_raw FROM metric_partition_drop('MetricSample', 'at', NULL, 'day', p_raw_before);
  RETURN jsonb_build_object(
    'created', created,
    'dropped', to_jsonb(d_hour.dropped || d_day.dropped || d_raw.dropped),
    'deleted', jsonb_build_object('raw', d_raw.deleted, 'hour', d_hour.deleted, 'day', d_day.deleted));
END
$fn$;

-- ───────────────────────── MetricSample ─────────────────────────

ALTER TABLE "MetricSample" RENAME TO "MetricSample_unpartitioned";
ALTER TABLE "MetricSample_unpartitioned" RENAME CONSTRAINT "MetricSample_pkey" TO "MetricSample_unpartitioned_pkey";
ALTER TABLE "MetricSample_unpartitioned" RENAME CONSTRAINT "MetricSample_tenantId_fkey" TO "MetricSample_unpartitioned_tenantId_fkey";
ALTER INDEX "MetricSample_tenantId_resourceType_resourceId_metric_at_key" RENAME TO "MetricSample_unpartitioned_key";
ALTER INDEX "MetricSample_tenantId_metric_at_idx" RENAME TO "MetricSample_unpartitioned_tenantId_metric_at_idx";
ALTER INDEX "MetricSample_at_idx" RENAME TO "MetricSample_unpartitioned_at_idx";

CREATE TABLE "MetricSample" (
    "tenantId" TEXT NOT NULL,
    "resourceType" "MetricResource" NOT NULL,
    "resourceId" TEXT NOT NULL,
    "metric" TEXT NOT NULL,
    "value" DOUBLE PRECISION NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,
    "capacity" DOUBLE PRECISION,
    "threshold" DOUBLE PRECISION,

    CONSTRAINT "MetricSample_pkey" PRIMARY KEY ("tenantId","resourceType","resourceId","metric","at")
) PARTITION BY RANGE ("at");

CREATE TABLE "MetricSample_default" PARTITION OF "MetricSample" DEFAULT;

-- CreateIndex
CREATE INDEX "MetricSample_tenantId_metric_at_idx" ON "MetricSample"("tenantId", "metric", "at");

-- CreateIndex
CREATE INDEX "MetricSample_at_idx" ON "MetricSample"("at");

-- AddForeignKey
ALTER TABLE "MetricSample" ADD CONSTRAINT "MetricSample_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- ───────────────────────── MetricRollup ─────────────────────────

ALTER TABLE "MetricRollup" RENAME TO "MetricRollup_unpartitioned";
ALTER TABLE "MetricRollup_unpartitioned" RENAME CONSTRAINT "MetricRollup_pkey" TO "MetricRollup_unpartitioned_pkey";
ALTER TABLE "MetricRollup_unpartitioned" RENAME CONSTRAINT "MetricRollup_tenantId_fkey" TO "MetricRollup_unpartitioned_tenantId_fkey";
ALTER INDEX "MetricRollup_tenantId_metric_resolution_bucket_idx" RENAME TO "MetricRollup_unpartitioned_tenantId_metric_resolution_bucket_idx";
ALTER INDEX "MetricRollup_resolution_bucket_idx" RENAME TO "MetricRollup_unpartitioned_resolution_bucket_idx";

-- Same columns in the same order (scripts/seed-scale.ts inserts by position).
CREATE TABLE "MetricRollup" (
    "tenantId" TEXT NOT NULL,
    "resourceType" "MetricResource" NOT NULL,
    "resourceId" TEXT NOT NULL,
    "metric" TEXT NOT NULL,
    "resolution" "RollupResolution" NOT NULL,
    "bucket" TIMESTAMP(3) NOT NULL,
    "avg" DOUBLE PRECISION NOT NULL,
    "min" DOUBLE PRECISION NOT NULL,
    "max" DOUBLE PRECISION NOT NULL,
    "count" INTEGER NOT NULL,
    "capacity" DOUBLE PRECISION,
    "threshold" DOUBLE PRECISION,
    "overMinutes" DOUBLE PRECISION NOT NULL DEFAULT 0,

    CONSTRAINT "MetricRollup_pkey" PRIMARY KEY ("tenantId","resourceType","resourceId","metric","resolution","bucket")
) PARTITION BY RANGE ("resolution", "bucket");

CREATE TABLE "MetricRollup_default" PARTITION OF "MetricRollup" DEFAULT;

-- CreateIndex
CREATE INDEX "MetricRollup_tenantId_metric_resolution_bucket_idx" ON "MetricRollup"("tenantId", "metric", "resolution", "bucket");

-- CreateIndex
CREATE INDEX "MetricRollup_resolution_bucket_idx" ON "MetricRollup"("resolution", "bucket");

-- AddForeignKey
ALTER TABLE "MetricRollup" ADD CONSTRAINT "MetricRollup_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- ───────────────────────── Partitions, then the rows ─────────────────────────

-- The partitions of the retention windows as of now (the same cutoffs as lib/metrics/rollup.ts:
-- 48 h of raw, 90 days of hourly rows, 730 of daily ones), then every row moved in; a row outside
-- them lands in DEFAULT and goes at the next retention run.
SELECT metric_partitions_upkeep(
  (now() AT TIME ZONE 'UTC')::timestamp,
  (now() AT TIME ZONE 'UTC')::timestamp - interval '48 hours',
  (now() AT TIME ZONE 'UTC')::timestamp - interval '90 days',
  (now() AT TIME ZONE 'UTC')::timestamp - interval '730 days',
  false);

INSERT INTO "MetricSample" ("tenantId", "resourceType", "resourceId", "metric", "value", "at", "capacity", "threshold")
SELECT "tenantId", "resourceType", "resourceId", "metric", "value", "at", "capacity", "threshold" FROM "MetricSample_unpartitioned";

INSERT INTO "MetricRollup" ("tenantId", "resourceType", "resourceId", "metric", "resolution", "bucket", "avg", "min", "max", "count", "capacity", "threshold", "overMinutes")
SELECT "tenantId", "resourceType", "resourceId", "metric", "resolution", "bucket", "avg", "min", "max", "count", "capacity", "threshold", "overMinutes" FROM "MetricRollup_unpartitioned";

DROP TABLE "MetricSample_unpartitioned";
DROP TABLE "MetricRollup_unpartitioned";
