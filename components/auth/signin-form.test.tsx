// @vitest-environment jsdom
import { describe, it, expect, vi, afterEach } from "vitest";
import { render, screen, fireEvent, cleanup } from "@testing-library/react";
import { NextIntlClientProvider } from "next-intl";
import en from "@/messages/en.json";
import { SignInForm } from "./signin-form";

const signIn = vi.fn();
vi.mock("next-auth/react", () => ({ signIn: (...args: unknown[]) => signIn(...args) }));
const replace = vi.fn();
vi.mock("next/navigation", () => ({ useRouter: () => ({ replace, refresh: vi.fn() }) }));

function submit(email = "a@b.test", password = "pw") {
  render(
    <NextIntlClientProvider locale="en" messages={en}>
      <SignInForm />
    </NextIntlClientProvider>,
  );
  fireEvent.change(screen.getByLabelText("Email"), { target: { value: email } });
  fireEvent.change(screen.getByLabelText("Password"), { target: { value: password } });
  fireEvent.click(screen.getByRole("button", { name: "Sign in" }));
}

describe("sign-in form", () => {
  afterEach(() => {
    cleanup();
    signIn.mockReset();
    replace.mockReset();
  });

  it.each([
    [{ ok: false, status: 401, error: "CredentialsSignin" }, "Email or password is incorrect."],
    [{ ok: false, status: 429, error: "RateLimited" }, "Too many sign-in attempts for this account or from this address (at most 5 a second). Wait a second and try again."],
    [{ ok: false, status: 500, error: "Configuration" }, "Sign-in is unavailable right now. Try again in a moment."],
  ])("explains %j", async (answer, message) => {
    signIn.mockResolvedValue(answer);
    submit();
    expect((await screen.findByTestId("signin-error")).textContent).toBe(message);
    expect(replace).not.toHaveBeenCalled();
  });

  it("sends the credentials and enters the console on success", async () => {
    signIn.mockResolvedValue({ ok: true, status: 200, error: null });
    submit("admin.prod@demo.test", "secret");
    await vi.waitFor(() => expect(replace).toHaveBeenCalledWith("/"));
    expect(signIn).toHaveBeenCalledWith("credentials", { redirect: false, email: "admin.prod@demo.test", password: "secret", code: "" });
  });

  it("asks for the code when the account has two-factor on, then sends it with the password", async () => {
    signIn.mockResolvedValueOnce({ ok: false, status: 401, error: "TotpRequired" }).mockResolvedValueOnce({ ok: false, status: 401, error: "CredentialsSignin" }).mockResolvedValueOnce({ ok: true, status: 200, error: null });
    submit("alice@example.test", "secret");
    const code = await screen.findByLabelText("Authentication code");
    expect(screen.queryByTestId("signin-error")).toBeNull();
    fireEvent.change(code, { target: { value: "000000" } });
    fireEvent.click(screen.getByRole("button", { name: "Sign in" }));
    expect((await screen.findByTestId("signin-error")).textContent).toBe("That code is not right, or was already used. Type the code your app shows now, or a recovery code.");
    fireEvent.change(code, { target: { value: "287082" } });
    fireEvent.click(screen.getByRole("button", { name: "Sign in" }));
    await vi.waitFor(() => expect(replace).toHaveBeenCalledWith("/"));
    expect(signIn).toHaveBeenLastCalledWith("credentials", { redirect: false, email: "alice@example.test", password: "secret", code: "287082" });
  });
});
