// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { cleanup, fireEvent, screen, waitFor } from "@testing-library/react";
import type { ActionResult } from "@/lib/actions/result";
import { renderInConsole } from "@/test/render-in-console";
import { RevokeTokenButton } from "@/components/iam/token-forms";

// The confirmed immediate change as a user meets it, through the token's Revoke button: nothing is
// sent before Confirm; a refusal stays in the dialog with its sentence; an accepted change closes
// the dialog, says so once in a toast and refreshes the page.

const answer = vi.fn<(tenantId: string, prev: unknown, input: unknown) => Promise<ActionResult<undefined>>>();
const success = vi.fn();
const refresh = vi.fn();
vi.mock("sonner", () => ({ toast: { info: vi.fn(), success: (...a: unknown[]) => success(...a), error: vi.fn() } }));
vi.mock("next/navigation", () => ({ useRouter: () => ({ refresh, push: vi.fn(), replace: vi.fn() }) }));
vi.mock("@/lib/actions/iam/revoke-token", () => ({ revokeTokenAction: (...a: Parameters<typeof answer>) => answer(...a) }));

beforeEach(() => {
  answer.mockReset();
  success.mockReset();
  refresh.mockReset();
});
afterEach(cleanup);

function openRevoke() {
  renderInConsole(<RevokeTokenButton tenantId="t-1" tokenId="tok-1" name="ci-deploy" />);
  fireEvent.click(screen.getByRole("button", { name: "Revoke ci-deploy" }));
  return screen.getByRole("dialog", { name: "Revoke the token ci-deploy?" });
}

describe("ConfirmDialog", () => {
  it("sends nothing until Confirm, then closes, toasts the change once and refreshes the page", async () => {
    answer.mockResolvedValue({ ok: true, data: undefined, warnings: [] });
    const dialog = openRevoke();
    expect(dialog.textContent).toContain("Scripts using it are refused from their next request.");
    expect(answer).not.toHaveBeenCalled();
    fireEvent.click(screen.getByRole("button", { name: "Revoke the token" }));
    await waitFor(() => expect(screen.queryByRole("dialog")).toBeNull());
    expect(answer).toHaveBeenCalledExactlyOnceWith("t-1", null, { tokenId: "tok-1" });
    expect(success).toHaveBeenCalledExactlyOnceWith("Token ci-deploy revoked.");
    expect(refresh).toHaveBeenCalled();
  });

  it("keeps a refusal in the dialog with its sentence, and clears it when reopened", async () => {
    answer.mockResolvedValue({ ok: false, code: "NOT_FOUND", formError: "This token does not exist, or was revoked already." });
    openRevoke();
    fireEvent.click(screen.getByRole("button", { name: "Revoke the token" }));
    expect((await screen.findByRole("dialog")).textContent).toContain("This token does not exist, or was revoked already.");
    await waitFor(() => expect(screen.getByRole("button", { name: "Revoke the token" }).hasAttribute("disabled")).toBe(false));
    expect(success).not.toHaveBeenCalled();
    fireEvent.click(screen.getByRole("button", { name: "Cancel" }));
    await waitFor(() => expect(screen.queryByRole("dialog")).toBeNull());
    fireEvent.click(screen.getByRole("button", { name: "Revoke ci-deploy" }));
    expect((await screen.findByRole("dialog")).textContent).not.toContain("does not exist");
  });
});
