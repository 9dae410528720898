-- Each sample and rollup keeps the capacity and the line in force when it was measured (the
-- activated memory of a pool and its 85 % line, the IOPS limit or size of a datastore), so adding
-- a host does not redraw past breaches. Rollups carry the minutes their samples spent above that
-- line (summed, not a whole bucket whenever its peak crossed it). NULL: the figure has no line,
-- or the row predates this migration.
ALTER TABLE "MetricSample" ADD COLUMN "capacity" DOUBLE PRECISION, ADD COLUMN "threshold" DOUBLE PRECISION;
ALTER TABLE "MetricRollup" ADD COLUMN "capacity" DOUBLE PRECISION, ADD COLUMN "threshold" DOUBLE PRECISION, ADD COLUMN "overMinutes" DOUBLE PRECISION NOT NULL DEFAULT 0;
