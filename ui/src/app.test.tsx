import { afterEach, describe, expect, it, vi } from "vitest";
import { act, cleanup, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { api, type AppStatus, type CaseloadView, type ReferenceLists, type SettingsView } from "./generated/api";
import { App } from "./App";

vi.mock("@tauri-apps/api/event", () => ({ listen: async () => () => undefined }));

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

const unlocked: AppStatus = { vault: "unlocked", data_dir: "/tmp/lw", recovery_recipient: "age1x", locked_reason: null, app_version: "0.1.0" };
const view: CaseloadView = {
  today: "2026-11-21",
  report_due: null,
  backup_due: null,
  counters: {
    open: 1,
    waiting: 0,
    median_days_waiting: null,
    median_days_to_first_contact: null,
    contacted_within_7_days: { n: 1, of: 1 },
    waited_14_days_or_more: { n: 0, of: 1 },
    supported_last_12_months: 1,
    safe_max: 250,
    amber_over: 200,
    level: "ok",
    follow_ups_due: 0,
    follow_ups_overdue: 0,
    urgent_overdue: 0,
    reviews_overdue: 0,
    actions_overdue: 0,
    not_reached: 0,
    open_concerns: 0,
    outreach_to_work: 0,
    concern_reviews_overdue: 0,
  },
  rows: [
    {
      episode_id: "e1",
      person_id: "p1",
      name: "Ada Lovelace",
      preferred_name: null,
      nhs_number: "943 476 5919",
      status: "active",
      referral_received_on: "2026-11-01",
      days_waiting: null,
      wait_band: null,
      priority: "routine",
      first_contact_due_on: null,
      urgent_overdue: false,
      attempts: 0,
      last_attempt: null,
      days_since_contact: 3,
      next_review_on: null,
      next_action_due: null,
      review_overdue: false,
      action_overdue: false,
      not_reached: null,
      risk: false,
      draft: false,
      follow_up: null,
    },
  ],
};

function unlockedApp() {
  vi.spyOn(api, "status").mockResolvedValue(unlocked);
  vi.spyOn(api, "get_settings").mockResolvedValue({} as SettingsView);
  vi.spyOn(api, "caseload").mockResolvedValue(view);
}

describe("App", () => {
  it("takes patient content off the screen at Ctrl+L, even while the core has not answered", async () => {
    unlockedApp();
    vi.spyOn(api, "reference_lists").mockResolvedValue({} as ReferenceLists);
    const lock = vi.spyOn(api, "lock").mockReturnValue(new Promise(() => undefined));
    render(<App />);
    await waitFor(() => expect(screen.getByText("Ada Lovelace")).toBeTruthy());
    fireEvent.keyDown(window, { key: "l", ctrlKey: true });
    expect(screen.queryByText("Ada Lovelace")).toBeNull();
    expect(screen.getByRole("heading", { name: "Linkwork is locked" })).toBeTruthy();
    expect(lock).toHaveBeenCalled();
  });

  it("shows the unlock screen when locking fails, and says why a rejected promise failed", async () => {
    unlockedApp();
    vi.spyOn(api, "reference_lists").mockResolvedValue({} as ReferenceLists);
    vi.spyOn(api, "lock").mockRejectedValue(new Error("the core stopped"));
    render(<App />);
    await waitFor(() => expect(screen.getByText("Ada Lovelace")).toBeTruthy());
    act(() => {
      window.dispatchEvent(
        Object.assign(new Event("unhandledrejection"), {
          reason: { code: "DATABASE_ERROR", message: "The database reported an error: disk full", field: null, related_person_id: null, problems: [] },
        }),
      );
    });
    expect(screen.getByTestId("error-banner").textContent).toContain("disk full");
    fireEvent.click(screen.getByRole("button", { name: /Lock/ }));
    expect(screen.queryByText("Ada Lovelace")).toBeNull();
  });

  it("says so when the reference lists cannot be loaded, instead of waiting for ever", async () => {
    unlockedApp();
    const lists = vi
      .spyOn(api, "reference_lists")
      .mockRejectedValueOnce({ code: "DATABASE_ERROR", message: "The database reported an error: busy", field: null, related_person_id: null, problems: [] });
    render(<App />);
    await waitFor(() => expect(screen.getByRole("heading", { name: "Linkwork could not load its lists" })).toBeTruthy());
    expect(screen.getByRole("alert").textContent).toContain("busy");
    lists.mockResolvedValue({} as ReferenceLists);
    fireEvent.click(screen.getByRole("button", { name: "Try again" }));
    await waitFor(() => expect(screen.getByText("Ada Lovelace")).toBeTruthy());
  });
});
