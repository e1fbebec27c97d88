import { afterEach, describe, expect, it, vi } from "vitest";
import { act, cleanup, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { api, type ReportSettingsView } from "../../generated/api";
import { ReportSettings } from "./Settings";

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

const stored: ReportSettingsView = { supervisor_keys: ["age1supervisorkey"], suppression: "on" };

describe("The report settings", () => {
  it("cannot be saved over when they did not load, and are saved as loaded once they do", async () => {
    const load = vi
      .spyOn(api, "report_settings")
      .mockRejectedValueOnce({ code: "INTERNAL", message: "The disk is busy.", field: null, related_person_id: null, problems: [] })
      .mockResolvedValueOnce(stored);
    const save = vi.spyOn(api, "update_report_settings").mockResolvedValue(stored);
    render(<ReportSettings />);

    // The load failed: the reason and Try again, and no form whose empty box could be saved.
    expect((await screen.findByTestId("load-failed")).textContent).toContain("The disk is busy.");
    expect(screen.queryByRole("button", { name: "Save report settings" })).toBeNull();
    expect(screen.queryByLabelText("Your supervisor's public key")).toBeNull();

    await act(async () => screen.getByRole("button", { name: "Try again" }).click());
    const box = (await screen.findByLabelText("Your supervisor's public key")) as HTMLTextAreaElement;
    expect(box.value).toBe("age1supervisorkey");
    fireEvent.click(screen.getByRole("button", { name: "Save report settings" }));
    await waitFor(() => expect(save).toHaveBeenCalledTimes(1));
    expect(save).toHaveBeenCalledWith({ supervisor_keys: ["age1supervisorkey"], suppression: "on" });
    expect(load).toHaveBeenCalledTimes(2);
  });
});
