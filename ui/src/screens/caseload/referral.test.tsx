import { afterEach, describe, expect, it, vi } from "vitest";
import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { api, type ReferenceLists } from "../../generated/api";
import { ListsContext } from "../../lib/lists";
import { NewReferral } from "./NewReferral";

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

// Every list empty: these tests are about the check for an existing record, not the choices.
const lists = new Proxy({}, { get: () => [] }) as unknown as ReferenceLists;
const failure = (code: string, message: string) => ({ code, message, field: null, related_person_id: null, problems: [] });

function renderForm() {
  render(
    <ListsContext.Provider value={lists}>
      <NewReferral onSaved={() => undefined} onOpen={() => undefined} />
    </ListsContext.Provider>,
  );
}

describe("The new referral's check for an existing record", () => {
  it("says when it could not check, instead of passing the failure off as no match", async () => {
    vi.spyOn(api, "intake_check").mockRejectedValue(failure("DATABASE_ERROR", "The vault is busy."));
    renderForm();
    fireEvent.change(screen.getByLabelText(/Family name/), { target: { value: "Walker" } });
    const said = await screen.findByTestId("intake-check-failed");
    expect(said.textContent).toContain("The vault is busy.");
    expect(said.textContent).toContain("Saving checks again.");
  });

  it("stays quiet while a number or date is half typed (saving names the field)", async () => {
    const check = vi.spyOn(api, "intake_check").mockRejectedValue(failure("INVALID_INPUT", "The NHS number must have 10 digits."));
    renderForm();
    fireEvent.change(screen.getByLabelText(/NHS number/), { target: { value: "943 47" } });
    await waitFor(() => expect(check).toHaveBeenCalled());
    await new Promise((r) => setTimeout(r, 50));
    expect(screen.queryByTestId("intake-check-failed")).toBeNull();
  });
});
