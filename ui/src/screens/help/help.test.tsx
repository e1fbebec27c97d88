import { afterEach, describe, expect, it, vi } from "vitest";
import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { api, type ItemScore, type ReferenceLists } from "../../generated/api";
import { ListsContext } from "../../lib/lists";
import { Help, bandRanges } from "./Help";

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

const anxious = ["Very low", "Very low", "Low", "Low", "Medium", "Medium", "High", "High", "High", "High", "High"];
const anxiety = {
  item: "anxiety" as const,
  label: "Anxiety",
  question: "How anxious?",
  zero: "not at all",
  ten: "completely",
  bands: anxious.map((b, v): ItemScore => ({ item: "anxiety", value: v, band: "low", band_label: b, tone: "fair" })),
};

describe("Help", () => {
  it("writes each ONS4 band as the score range the core gives it", () => {
    expect(bandRanges(anxiety)).toEqual([
      { from: 0, to: 1, label: "Very low" },
      { from: 2, to: 3, label: "Low" },
      { from: 4, to: 5, label: "Medium" },
      { from: 6, to: 10, label: "High" },
    ]);
  });

  it("shows the code map's codes and rules, and filters topics by every word typed", async () => {
    vi.spyOn(api, "gp_code_map").mockResolvedValue({
      practice_id: null,
      uses: [{ value: "contact.held", label: "Contact that took place" }],
      by_referrer: [],
      referrer_as_every_practice: false,
      referrer_may_code: [],
      entries: [
        {
          use: "contact.held",
          concept_id: "1362931000000106",
          term: "Seen by social prescribing link worker",
          rule: "Each contact that took place.",
          source: "x",
          local: false,
          practice_id: null,
        },
      ],
    });
    const go = { guide: vi.fn(), about: vi.fn(), settings: vi.fn(), handover: vi.fn(), report: vi.fn() };
    render(
      <ListsContext.Provider value={{ ons4_items: [anxiety] } as unknown as ReferenceLists}>
        <Help go={go} />
      </ListsContext.Provider>,
    );
    await waitFor(() => expect(screen.getByTestId("help-gp-codes").textContent).toContain("1362931000000106"));
    expect(screen.getByTestId("help-gp-codes").textContent).toContain("Each contact that took place.");
    expect(screen.getByTestId("help-ons4-bands").textContent).toContain("6–10 high");

    fireEvent.change(screen.getByLabelText("Search help"), { target: { value: "supervisor encrypted" } });
    const visible = [...document.querySelectorAll("section[data-topic]")].filter((s) => !(s as HTMLElement).hidden).map((s) => s.getAttribute("data-topic"));
    expect(visible).toContain("report");
    expect(visible).not.toContain("keys");
    expect(screen.getByTestId("help-count").textContent).toMatch(/of 13 topics/);

    fireEvent.change(screen.getByLabelText("Search help"), { target: { value: "zzzz" } });
    expect(screen.getByTestId("help-count").textContent).toContain("No topic mentions that");
  });
});
