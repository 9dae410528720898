// `npm run db:seed`: the demo data set, idempotent.
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { seedDemo } from "@/lib/db/demo-seed";
import { upkeepMetricPartitions } from "@/lib/metrics/partitions";

export async function runSeed(url: string): Promise<boolean> {
  const db = new PrismaClient({ adapter: new PrismaPg({ connectionString: url }) });
  try {
    // Every start passes here: the metric partitions of the days around now (and of the demo's 30
    // days of history) exist before anything is written; rows the DEFAULT partition took for them meanwhile move in.
    await upkeepMetricPartitions(db, Date.now(), { drop: false });
    return (await seedDemo(db)).created;
  } finally {
    await db.$disconnect();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const url = process.env.DATABASE_URL;
  if (!url) {
    console.error("DATABASE_URL is not set.");
    process.exit(1);
  }
  const created = await runSeed(url);
  console.log(created ? "Demo data created." : "Demo data already present.");
}
