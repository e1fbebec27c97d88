import { afterEach, describe, expect, it, vi } from "vitest";
import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { api, type AppStatus, type RestoreDone } from "../../generated/api";

vi.mock("../../lib/files", async (original) => ({
  ...(await original<typeof import("../../lib/files")>()),
  pickFile: async () => ({ handle: "file-1", name: "linkwork-backup-2025.age", shown: "/backups/linkwork-backup-2025.age" }),
}));

const { RestoreBackup } = await import("./RestoreBackup");

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

const none: AppStatus = { vault: "no_vault", data_dir: "/tmp/lw", recovery_recipient: null, locked_reason: null, app_version: "0.1.0" };

describe("RestoreBackup", () => {
  it("offers the unsigned-backup tick only after the core says the backup is unsigned, and sends it", async () => {
    const restore = vi
      .spyOn(api, "restore_backup")
      .mockRejectedValueOnce({
        code: "BACKUP_UNSIGNED",
        field: "path",
        message: "linkwork-backup-2025.age was made by an earlier version of Linkwork, before backups were signed.",
      })
      .mockResolvedValueOnce({ status: none, erased_again: [], erasures_unchecked: false } as unknown as RestoreDone);
    const onRestored = vi.fn();
    render(<RestoreBackup status={none} onRestored={onRestored} onBack={vi.fn()} />);
    expect(screen.queryByLabelText(/my own backup/)).toBeNull();
    fireEvent.click(screen.getByRole("button", { name: "Choose backup file…" }));
    await waitFor(() => expect(screen.getByTestId("restore-file").textContent).toBe("linkwork-backup-2025.age"));
    fireEvent.change(screen.getByLabelText("Passphrase"), { target: { value: "correct horse battery staple" } });
    fireEvent.click(screen.getByRole("button", { name: "Check and restore" }));
    const tick = await screen.findByLabelText(/my own backup, made before Linkwork signed its backups/);
    expect(restore).toHaveBeenLastCalledWith(expect.objectContaining({ unsigned: false }));
    fireEvent.click(tick);
    fireEvent.click(screen.getByRole("button", { name: "Check and restore" }));
    await waitFor(() => expect(onRestored).toHaveBeenCalled());
    expect(restore).toHaveBeenLastCalledWith(expect.objectContaining({ unsigned: true, path: "file-1" }));
  });

  it("asks about people erased since the backup only when the core finds some, and sends the choice", async () => {
    const restore = vi
      .spyOn(api, "restore_backup")
      .mockRejectedValueOnce({
        code: "IMPORT_REFUSED",
        field: "erased",
        message: "This backup holds people erased from this vault since the backup was made: Ivy Walker (erased on 01/12/2026).",
      })
      .mockResolvedValueOnce({ status: none, erased_again: ["Ivy Walker"], erasures_unchecked: false } as RestoreDone);
    const onRestored = vi.fn();
    render(<RestoreBackup status={none} onRestored={onRestored} onBack={vi.fn()} />);
    expect(screen.queryByLabelText(/Erase them again/)).toBeNull();
    fireEvent.click(screen.getByRole("button", { name: "Choose backup file…" }));
    await waitFor(() => expect(screen.getByTestId("restore-file").textContent).toBe("linkwork-backup-2025.age"));
    fireEvent.change(screen.getByLabelText("Passphrase"), { target: { value: "correct horse battery staple" } });
    fireEvent.click(screen.getByRole("button", { name: "Check and restore" }));
    const again = await screen.findByLabelText(/Erase them again as the backup is restored/);
    expect(restore).toHaveBeenLastCalledWith(expect.objectContaining({ erased: null }));
    fireEvent.click(again);
    fireEvent.click(screen.getByRole("button", { name: "Check and restore" }));
    // Said before going on: who was erased again.
    expect((await screen.findByTestId("restore-erased-again")).textContent).toContain("Ivy Walker");
    expect(restore).toHaveBeenLastCalledWith(expect.objectContaining({ erased: "erase_again" }));
    expect(onRestored).not.toHaveBeenCalled();
    fireEvent.click(screen.getByRole("button", { name: "Continue" }));
    expect(onRestored).toHaveBeenCalled();
  });
});
