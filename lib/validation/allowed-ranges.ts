// A tenant's allowed address ranges: the form, the server action and the API parse with this schema.
import { z } from "zod";
import { parseCidr } from "@/lib/domain/address-ranges";
import { ALLOWED_RANGE_LABEL_MAX, ALLOWED_RANGES_MAX } from "@/lib/domain/catalogue";

/** One range: its CIDR, normalised (`2001:0DB8::/32` → `2001:db8::/32`), and what it is. */
const allowedRange = z.object({
  cidr: z
    .string()
    .max(64)
    .transform((v, c) => {
      const r = parseCidr(v);
      if (r.ok) return r.range.cidr;
      c.addIssue({ code: "custom", message: "v.cidr" });
      return z.NEVER;
    }),
  label: z.string().trim().min(1).max(ALLOWED_RANGE_LABEL_MAX),
});

/** The whole list, replaced at once; an empty list lifts the restriction. The same range twice is refused on the second. */
export const allowedRangesSchema = z.object({
  ranges: z
    .array(allowedRange)
    .max(ALLOWED_RANGES_MAX)
    .superRefine((ranges, c) => {
      const seen = new Set<string>();
      ranges.forEach((r, i) => {
        if (seen.has(r.cidr)) c.addIssue({ code: "custom", message: "v.cidrTwice", path: [i, "cidr"] });
        seen.add(r.cidr);
      });
    }),
});
export type AllowedRangesInput = z.infer<typeof allowedRangesSchema>;
