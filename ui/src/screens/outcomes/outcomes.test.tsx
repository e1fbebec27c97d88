import { afterEach, describe, expect, it, vi } from "vitest";
import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { api, type EpisodeView, type ItemScore, type Ons4Item, type ReferenceLists } from "../../generated/api";
import { ListsContext } from "../../lib/lists";
import { Ons4FormPanel } from "./Ons4Form";
import { shortReminder } from "./Band";

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

// Bands as the core sends them (checked against the ONS thresholds in linkwork-core's tests).
const positive = ["Low", "Low", "Low", "Low", "Low", "Medium", "Medium", "High", "High", "Very high", "Very high"];
const anxious = ["Very low", "Very low", "Low", "Low", "Medium", "Medium", "High", "High", "High", "High", "High"];
function info(item: Ons4Item, label: string, bands: string[]) {
  return {
    item,
    label,
    question: `${label}?`,
    zero: "not at all",
    ten: "completely",
    bands: bands.map((b, v): ItemScore => ({ item, value: v, band: "low", band_label: b, tone: "fair" })),
  };
}
const lists = {
  ons4_introduction: "Next I would like to ask you four questions about your feelings on aspects of your life.",
  ons4_items: [
    info("life_satisfaction", "Life satisfaction", positive),
    info("worthwhile", "Worthwhile", positive),
    info("happiness", "Happiness", positive),
    info("anxiety", "Anxiety", anxious),
  ],
} as unknown as ReferenceLists;
const episode = { id: "ep1", contacts: [], outcomes: { ons4: [], pam: [], reminders: [], final_missing: [] } } as unknown as EpisodeView;

describe("Ons4FormPanel", () => {
  it("takes every answer from the keyboard: digits, 1 then 0 for ten, D for declined", async () => {
    const add = vi.spyOn(api, "add_ons4").mockResolvedValue({} as never);
    const update = vi.fn((p: Promise<unknown>) => p);
    const done = vi.fn();
    render(
      <ListsContext.Provider value={lists}>
        <Ons4FormPanel episode={episode} update={update as never} onDone={done} />
      </ListsContext.Provider>,
    );
    const group = (item: string) => document.getElementById(item)!.querySelector("fieldset")!;
    fireEvent.keyDown(group("life_satisfaction"), { key: "7" });
    expect((document.getElementById("ons4-life_satisfaction-7") as HTMLInputElement).checked).toBe(true);
    expect(screen.getByTestId("band-life_satisfaction").textContent).toBe("Score 7, band High");
    fireEvent.keyDown(group("worthwhile"), { key: "1" });
    fireEvent.keyDown(group("worthwhile"), { key: "0" });
    expect(screen.getByTestId("band-worthwhile").textContent).toBe("Score 10, band Very high");
    fireEvent.keyDown(group("happiness"), { key: "d" });
    expect(screen.getByTestId("band-happiness").textContent).toBe("Declined to answer");
    fireEvent.keyDown(group("anxiety"), { key: "0" });
    expect(screen.getByTestId("band-anxiety").textContent).toBe("Score 0, band Very low");
    fireEvent.keyDown(document.getElementById("ons4-anxiety-0")!, { key: "Enter" });
    await waitFor(() => expect(done).toHaveBeenCalled());
    expect(add).toHaveBeenCalledWith(
      expect.objectContaining({ episode_id: "ep1", life_satisfaction: "7", worthwhile: "10", happiness: "declined", anxiety: "0" }),
    );
  });

  it("puts a refused item's message beside that item", async () => {
    vi.spyOn(api, "add_ons4").mockRejectedValue({
      code: "INVALID_INPUT",
      field: "anxiety",
      message: "Choose an answer for anxiety (0 to 10), or “declined to answer”.",
    });
    const update = vi.fn((p: Promise<unknown>) => p);
    render(
      <ListsContext.Provider value={lists}>
        <Ons4FormPanel episode={episode} update={update as never} onDone={vi.fn()} />
      </ListsContext.Provider>,
    );
    fireEvent.click(screen.getByRole("button", { name: "Save ONS4" }));
    await waitFor(() => expect(document.getElementById("anxiety")!.textContent).toContain("Choose an answer for anxiety"));
  });
});

describe("shortReminder", () => {
  it("says a reminder in two short lines for the caseload", () => {
    const r = { measure: "ons4" as const, due_on: "2026-11-21", text: "ONS4 follow-up overdue since 21/11/2026" };
    expect(shortReminder({ ...r, state: "overdue" }, "ONS4")).toEqual(["ONS4 overdue", "since 21/11/2026"]);
    expect(shortReminder({ ...r, state: "due" }, "ONS4")).toEqual(["ONS4 due", "by 21/11/2026"]);
    expect(shortReminder({ ...r, state: "upcoming" }, "PAM")).toEqual(["PAM next due", "21/11/2026"]);
    expect(shortReminder({ ...r, state: "due", due_on: null }, "ONS4")).toEqual(["Baseline ONS4", "not recorded yet"]);
  });
});
