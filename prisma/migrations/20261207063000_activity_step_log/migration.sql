-- When each step of an activity began, for the activity's own page.
ALTER TABLE "Activity" ADD COLUMN "stepLog" JSONB NOT NULL DEFAULT '[]';
