import createNextIntlPlugin from "next-intl/plugin";

const withNextIntl = createNextIntlPlugin("./i18n/request.ts");

/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  // pg-boss reads its SQL plans at run time: loaded from node_modules, not bundled.
  serverExternalPackages: ["pg-boss"],
};

export default withNextIntl(nextConfig);
