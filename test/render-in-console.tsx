// The providers a console client component runs under in the tenant shell: English messages, a
// query client (no retries) and the activity tracker. One copy for the component tests.
import { render } from "@testing-library/react";
import { NextIntlClientProvider } from "next-intl";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { loadMessages } from "@/i18n/messages";
import { ActivityTracker } from "@/components/activity/activity-tracker";

const en = await loadMessages("en");

export function renderInConsole(children: React.ReactNode) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return render(
    <NextIntlClientProvider locale="en" messages={en}>
      <QueryClientProvider client={client}>
        <ActivityTracker tenant="production">{children}</ActivityTracker>
      </QueryClientProvider>
    </NextIntlClientProvider>,
  );
}
