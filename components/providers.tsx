"use client";
import { useState } from "react";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { Toaster } from "sonner";

/** Client-side state shared by the whole console: react-query's cache and the toasts. */
export function Providers({ children, dark }: { children: React.ReactNode; dark: boolean }) {
  const [client] = useState(() => new QueryClient({ defaultOptions: { queries: { staleTime: 5_000, refetchOnWindowFocus: false } } }));
  return (
    <QueryClientProvider client={client}>
      {children}
      <Toaster position="bottom-right" theme={dark ? "dark" : "light"} closeButton />
    </QueryClientProvider>
  );
}
