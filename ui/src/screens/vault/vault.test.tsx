import { afterEach, describe, expect, it, vi } from "vitest";
import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { CreateVault } from "./CreateVault";
import { Unlock } from "./Unlock";
import { VaultProblem } from "./VaultProblem";
import type { AppStatus } from "../../generated/api";

afterEach(cleanup);

const locked: AppStatus = { vault: "locked", data_dir: "/tmp/lw", recovery_recipient: null, locked_reason: "idle", app_version: "0.1.0" };

describe("CreateVault", () => {
  it("puts the core's field error beside the field and in the summary", async () => {
    const onCreate = vi.fn().mockRejectedValue({ code: "INVALID_INPUT", field: "passphrase_confirm", message: "The two passphrases do not match." });
    render(<CreateVault dataDir="/tmp/lw" onCreate={onCreate} onRestore={vi.fn()} />);
    fireEvent.change(screen.getByLabelText("Choose a passphrase"), { target: { value: "teapot river lantern" } });
    fireEvent.change(screen.getByLabelText("Type the passphrase again"), { target: { value: "teapot river lantern!" } });
    fireEvent.click(screen.getByRole("button", { name: "Create vault" }));
    await waitFor(() => expect(screen.getByRole("alert")).toHaveProperty("textContent", expect.stringContaining("There is a problem")));
    expect(onCreate).toHaveBeenCalledWith({ passphrase: "teapot river lantern", passphrase_confirm: "teapot river lantern!", recovery_recipient: null });
    const confirm = screen.getByLabelText("Type the passphrase again");
    expect(confirm.getAttribute("aria-invalid")).toBe("true");
    expect(document.getElementById("passphrase_confirm-error")?.textContent).toContain("do not match");
  });

  it("shows a plain strength hint while typing", () => {
    render(<CreateVault dataDir="/tmp/lw" onCreate={vi.fn()} onRestore={vi.fn()} />);
    fireEvent.change(screen.getByLabelText("Choose a passphrase"), { target: { value: "short" } });
    expect(screen.getByTestId("strength-hint").textContent).toBe("Too short: 7 more characters needed.");
  });
});

describe("Unlock", () => {
  it("explains an idle lock, shows a wrong passphrase calmly and clears the box", async () => {
    const onUnlock = vi.fn().mockRejectedValue({
      code: "WRONG_PASSPHRASE",
      field: "passphrase",
      message: "That passphrase does not open this vault. Check Caps Lock and try again.",
    });
    render(<Unlock status={locked} onUnlock={onUnlock} onForgotten={vi.fn()} onRestore={vi.fn()} />);
    expect(screen.getByTestId("idle-notice").textContent).toContain("locked itself");
    const box = screen.getByLabelText("Passphrase") as HTMLInputElement;
    fireEvent.change(box, { target: { value: "nope nope nope" } });
    fireEvent.click(screen.getByRole("button", { name: "Unlock" }));
    await waitFor(() => expect(document.getElementById("passphrase-error")?.textContent).toContain("Check Caps Lock"));
    expect(box.value).toBe("");
  });
});

describe("VaultProblem", () => {
  it("never offers to start again, and shows the code for support", () => {
    render(
      <VaultProblem
        error={{
          code: "VAULT_INCOMPLETE",
          field: null,
          related_person_id: null,
          problems: [],
          message: "The vault in /x is incomplete: key-passphrase.age is missing.",
        }}
        onRetry={vi.fn()}
      />,
    );
    expect(screen.getByTestId("problem-message").textContent).toContain("key-passphrase.age is missing");
    expect(screen.queryByRole("button", { name: /create/i })).toBeNull();
    expect(screen.getByText(/VAULT_INCOMPLETE/)).toBeTruthy();
  });
});
