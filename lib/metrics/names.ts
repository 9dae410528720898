// The metric names the collector writes and the dashboards read (MetricSample.metric,
// MetricRollup.metric): one typed list, shared with every reader. Units are in the names.
export const METRICS = {
  POOL: ["mem_used_gb", "mem_ballooned_gb", "cpu_pct"],
  HOST: ["mem_used_gb", "cpu_pct"],
  DATASTORE: ["iops_demand", "latency_ms", "space_used_gb"],
  REPLICATION: ["lag_s"],
} as const;

export type MetricResourceType = keyof typeof METRICS;
export type MetricName<R extends MetricResourceType = MetricResourceType> = (typeof METRICS)[R][number];

export function isMetricOf<R extends MetricResourceType>(resource: R, metric: string): metric is MetricName<R> {
  return (METRICS[resource] as readonly string[]).includes(metric);
}
