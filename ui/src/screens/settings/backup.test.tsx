import { afterEach, describe, expect, it, vi } from "vitest";
import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { api, type BackupSettingsView, type FileHandle } from "../../generated/api";

vi.mock("../../lib/files", async (original) => ({
  ...(await original<typeof import("../../lib/files")>()),
  pickFolder: async () => ({ handle: "file-9" as FileHandle, name: "Backups", shown: "/mnt/practice/Backups" }),
}));

const { BackupSettings } = await import("./Backup");

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

const view: BackupSettingsView = {
  folder: "/mnt/old/Backups",
  keep: 10,
  remind_after_days: 7,
  on_lock: false,
  last_backup_at: null,
  to_recovery: false,
};

describe("The backup folder", () => {
  it("is sent as the handle the dialog gave, forgotten only when asked, and otherwise left as it is", async () => {
    vi.spyOn(api, "backup_settings").mockResolvedValue(view);
    vi.spyOn(api, "handover_key").mockResolvedValue({ recipient: "age1x", fingerprint: "0000 0000 0000 0000 0000" });
    const save = vi.spyOn(api, "update_backup_settings").mockResolvedValue(view);
    render(<BackupSettings onHandover={vi.fn()} />);
    const button = await screen.findByRole("button", { name: "Save backup settings" });

    // Saved unchanged: the folder is neither sent nor forgotten (the window cannot name it).
    fireEvent.click(button);
    await waitFor(() => expect(save).toHaveBeenCalledTimes(1));
    expect(save).toHaveBeenLastCalledWith(expect.objectContaining({ new_folder: null, no_folder: false }));

    fireEvent.click(screen.getByRole("button", { name: "Choose folder…" }));
    await waitFor(() => expect(screen.getByTestId("backup-folder").textContent).toBe("/mnt/practice/Backups"));
    fireEvent.click(button);
    await waitFor(() => expect(save).toHaveBeenCalledTimes(2));
    expect(save).toHaveBeenLastCalledWith(expect.objectContaining({ new_folder: "file-9", no_folder: false }));

    fireEvent.click(screen.getByRole("button", { name: "No backup folder" }));
    fireEvent.click(button);
    await waitFor(() => expect(save).toHaveBeenCalledTimes(3));
    expect(save).toHaveBeenLastCalledWith(expect.objectContaining({ new_folder: null, no_folder: true }));
  });
});
