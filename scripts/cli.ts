// `npm run cli -- <command>`: a new installation's bootstrap and token management from a shell.
//   token create --email E --tenant SLUG [--name N] [--permissions p1,p2] [--days N]   prints the secret once
//   token revoke --id TOKEN_ID                                                          (or --prefix scp_xxxxxxxx)
//   user create --email E [--name N] [--tenant SLUG [--permissions …] [--owner]]        password from --password or stdin
//   user set-password --email E                                                          password from --password or stdin
//   user reset-two-factor --email E                                                      turns two-factor off (lost app and recovery codes)
//   tenant allowed-ranges --tenant SLUG [--set CIDR=label,…]                            lists, or replaces (--set "" lifts every restriction)
// Needs DATABASE_URL (the console's database), like `npm run worker`.
import { Command, InvalidArgumentError } from "commander";
import { parseEnv } from "@/lib/env";
import { isPermission, type Permission } from "@/lib/permissions";

const parsed = parseEnv(process.env);
if (!parsed.ok || !parsed.env.DATABASE_URL) {
  console.error("✖ The CLI needs DATABASE_URL (the console's database), e.g. DATABASE_URL=postgresql://… npm run cli -- token create …");
  for (const e of parsed.ok ? [] : parsed.errors) console.error(`  - ${e}`);
  process.exit(1);
}

const { db } = await import("@/lib/db/client");
const { authorize } = await import("@/lib/auth/authorize");
const { createToken, revokeToken } = await import("@/lib/services/tokens");
const { bootstrapUser, setUserPassword } = await import("@/lib/services/iam");
const { createTokenSchema } = await import("@/lib/validation/tokens");
const { listAllowedRanges, setAllowedRanges } = await import("@/lib/services/allowed-ranges");
const { resetTotpByOperator } = await import("@/lib/services/totp");
const { allowedRangesSchema } = await import("@/lib/validation/allowed-ranges");

function permissionsOption(value: string): Permission[] {
  const list = value.split(/[\s,]+/).filter(Boolean);
  const unknown = list.filter((p) => !isPermission(p));
  if (unknown.length) throw new InvalidArgumentError(`unknown permission(s): ${unknown.join(", ")}`);
  return list as Permission[];
}

async function readPassword(given: string | undefined): Promise<string> {
  if (given) return given;
  if (process.stdin.isTTY) throw new Error("Give the password with --password, or pipe it on standard input.");
  let data = "";
  for await (const chunk of process.stdin) data += chunk;
  return data.replace(/\r?\n$/, "");
}

async function userActor(email: string) {
  const u = await db().user.findUnique({ where: { email: email.trim().toLowerCase() }, select: { id: true, email: true, name: true, disabledAt: true } });
  if (!u) throw new Error(`No account has the email ${email}.`);
  if (u.disabledAt) throw new Error(`The account ${u.email} is disabled.`);
  return { type: "user" as const, userId: u.id, email: u.email, name: u.name };
}

const program = new Command("cli").description("Sovereign console: tokens and accounts from the command line").showHelpAfterError();
const token = program.command("token").description("personal access tokens");

token
  .command("create")
  .description("make a personal access token for a user in a tenant; prints its secret once")
  .requiredOption("--email <email>", "the token's user")
  .requiredOption("--tenant <slug>", "the tenant the token is bound to")
  .option("--name <name>", "a name to recognise it by", "cli")
  .option("--permissions <list>", "comma-separated subset of the user's permissions (default: all of them)", permissionsOption)
  .option("--days <n>", "days until it expires (1–365, default 90)")
  .action(async (o: { email: string; tenant: string; name: string; permissions?: Permission[]; days?: string }) => {
    const authz = await authorize(await userActor(o.email), { slug: o.tenant });
    if (!authz.ok) throw new Error(`${o.email} holds nothing in a tenant ${o.tenant} (or it does not exist).`);
    const input = createTokenSchema.safeParse({ name: o.name, permissions: o.permissions, days: o.days });
    if (!input.success) throw new Error(input.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; "));
    const r = await createToken(authz.ctx, input.data);
    if (!r.ok) throw new Error("refused");
    console.error(`Token ${r.value.prefix}… for ${o.email} in ${o.tenant}: ${r.value.permissions.join(", ")}; expires ${r.value.expiresAt.toISOString()} (id ${r.value.tokenId}).`);
    console.error("The secret below is shown once; store it now.");
    console.log(r.value.secret);
  });

token
  .command("revoke")
  .description("revoke a token by its id or its prefix")
  .option("--id <id>", "the token's id")
  .option("--prefix <prefix>", "the token's prefix (scp_xxxxxxxx)")
  .action(async (o: { id?: string; prefix?: string }) => {
    if (!o.id && !o.prefix) throw new Error("Give --id or --prefix.");
    const t = await db().personalAccessToken.findFirst({ where: o.id ? { id: o.id } : { prefix: o.prefix }, select: { id: true, tenantId: true } });
    if (!t) throw new Error("No such token.");
    const authz = await authorize({ type: "system", name: "cli" }, { id: t.tenantId });
    if (!authz.ok) throw new Error("No such token.");
    await revokeToken(authz.ctx, { tokenId: t.id });
    console.log(`Token ${t.id} revoked.`);
  });

const user = program.command("user").description("accounts");

user
  .command("create")
  .description("create an account, optionally a member (or owner) of a tenant")
  .requiredOption("--email <email>", "its email, the sign-in name")
  .option("--name <name>", "its display name")
  .option("--password <password>", "its first password (else read from standard input)")
  .option("--tenant <slug>", "make it a member of this tenant")
  .option("--permissions <list>", "its permissions there (default: every permission)", permissionsOption)
  .option("--owner", "make it an owner of the tenant")
  .action(async (o: { email: string; name?: string; password?: string; tenant?: string; permissions?: Permission[]; owner?: boolean }) => {
    const u = await bootstrapUser({ email: o.email, name: o.name, password: await readPassword(o.password), tenantSlug: o.tenant, permissions: o.permissions, owner: o.owner });
    console.log(`Account ${u.email} created (id ${u.id})${o.tenant ? `, member of ${o.tenant}${o.owner ? " as owner" : ""}` : ""}.`);
  });

user
  .command("set-password")
  .description("set an account's password")
  .requiredOption("--email <email>", "the account")
  .option("--password <password>", "the new password (else read from standard input)")
  .action(async (o: { email: string; password?: string }) => {
    await setUserPassword(o.email, await readPassword(o.password));
    console.log(`Password of ${o.email} changed.`);
  });

user
  .command("reset-two-factor")
  .description("turn an account's two-factor authentication off without a code (lost app and recovery codes); audited")
  .requiredOption("--email <email>", "the account")
  .action(async (o: { email: string }) => {
    if (!(await resetTotpByOperator(o.email))) throw new Error(`No account ${o.email}.`);
    console.log(`Two-factor authentication of ${o.email} is off: it can be turned on again from /account/security.`);
  });

const tenant = program.command("tenant").description("tenant settings an operator may need from the server");

// The operator's way back in when a tenant's allowed address ranges shut out everyone who could
// change them: the CLI acts as the system, which has no client address, so no list shuts it out.
tenant
  .command("allowed-ranges")
  .description("list a tenant's allowed address ranges, or replace them (audited as system (cli))")
  .requiredOption("--tenant <slug>", "the tenant")
  .option("--set <list>", 'comma-separated CIDR=label pairs, e.g. "203.0.113.0/24=office,2001:db8::/32=lab"; "" lifts every restriction')
  .action(async (o: { tenant: string; set?: string }) => {
    const authz = await authorize({ type: "system", name: "cli" }, { slug: o.tenant });
    if (!authz.ok) throw new Error(`No tenant ${o.tenant}.`);
    if (o.set !== undefined) {
      const ranges = o.set.split(",").map((s) => s.trim()).filter(Boolean).map((pair) => {
        const [cidr, ...label] = pair.split("=");
        return { cidr: cidr ?? "", label: label.join("=") || "set from the CLI" };
      });
      const input = allowedRangesSchema.safeParse({ ranges });
      if (!input.success) throw new Error(input.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; "));
      const r = await setAllowedRanges(authz.ctx, input.data);
      if (!r.ok) throw new Error(r.violations.map((v) => v.message.en).join(" "));
    }
    const { ranges } = await listAllowedRanges(authz.ctx);
    console.log(ranges.length ? ranges.map((r) => `${r.cidr}\t${r.label}`).join("\n") : `${o.tenant}: no range (no restriction).`);
  });

try {
  await program.parseAsync(process.argv);
  await db().$disconnect();
} catch (e) {
  console.error(`✖ ${e instanceof Error ? e.message : String(e)}`);
  await db().$disconnect();
  process.exit(1);
}
