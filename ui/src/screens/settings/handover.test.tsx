import { afterEach, describe, expect, it, vi } from "vitest";
import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { api, type HandoverView } from "../../generated/api";

vi.mock("../../lib/files", async (original) => ({
  ...(await original<typeof import("../../lib/files")>()),
  pickFile: async () => ({ handle: "file-2", name: "from-asha.age", shown: "/shared/from-asha.age" }),
}));

const { Handover } = await import("./Handover");

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

const FINGERPRINT = "0A1B 2C3D 4E5F 6071 8293";

function view(trust: HandoverView["signer"]["trust"], accepted_name: string | null = null): HandoverView {
  return {
    from: "Asha Patel",
    signer: { fingerprint: FINGERPRINT, trust, accepted_name },
    created_at: "2026-12-01T09:00:00Z",
    people: [{ name: "Ivy Walker", nhs_number: "943 476 5919", matched: "new", conflict: null, episodes: 1, erased: null }],
    added: { person: 1 },
    already: {},
    summary: ["1 person"],
  };
}

describe("Receiving a handover", () => {
  it("accepts a new colleague's key only when the person ticks that the fingerprint matched", async () => {
    vi.spyOn(api, "caseload").mockResolvedValue({ rows: [] } as never);
    const colleagues = vi.spyOn(api, "colleague_keys").mockResolvedValue({ colleagues: [] });
    vi.spyOn(api, "preview_handover").mockResolvedValue(view("new"));
    const imported = vi
      .spyOn(api, "import_handover")
      .mockRejectedValueOnce({
        code: "SIGNER_NOT_ACCEPTED",
        field: null,
        message: `This handover is signed with a key you have not accepted yet (its fingerprint is ${FINGERPRINT}).`,
      })
      .mockResolvedValueOnce(view("accepted"));
    render(<Handover />);
    fireEvent.click(screen.getByRole("button", { name: "Choose handover file…" }));
    expect((await screen.findByTestId("handover-fingerprint")).textContent).toBe(FINGERPRINT);
    expect(screen.getByTestId("handover-signer").textContent).toContain("Phone Asha Patel");
    const button = screen.getByRole("button", { name: "Accept their key and import" });

    // Not ticked: nothing is accepted, and the core's refusal is shown.
    fireEvent.click(button);
    await waitFor(() => expect(imported).toHaveBeenCalledTimes(1));
    expect(imported).toHaveBeenLastCalledWith(expect.objectContaining({ accept_signer: null }));
    expect(await screen.findByText(/not accepted yet/, { selector: "a, li, p" })).toBeTruthy();

    fireEvent.click(screen.getByLabelText(/It is the same as the fingerprint Asha Patel read out to me/));
    fireEvent.click(button);
    await waitFor(() => expect(imported).toHaveBeenCalledTimes(2));
    expect(imported).toHaveBeenLastCalledWith({ path: "file-2", identity: null, accept_signer: FINGERPRINT, erased: null });
    await waitFor(() => expect(document.getElementById("handover-imported")?.textContent).toBe("Imported 1 person."));
    // The list of accepted colleagues is read again.
    await waitFor(() => expect(colleagues).toHaveBeenCalledTimes(2));
  });

  it("says a known colleague's key has changed, and imports an accepted one without asking", async () => {
    vi.spyOn(api, "caseload").mockResolvedValue({ rows: [] } as never);
    vi.spyOn(api, "colleague_keys").mockResolvedValue({ colleagues: [] });
    const preview = vi.spyOn(api, "preview_handover").mockResolvedValueOnce(view("changed", "Asha Patel")).mockResolvedValueOnce(view("accepted"));
    const imported = vi.spyOn(api, "import_handover").mockResolvedValue(view("accepted"));
    render(<Handover />);
    fireEvent.click(screen.getByRole("button", { name: "Choose handover file…" }));
    expect((await screen.findByTestId("handover-signer")).textContent).toContain("Asha Patel's key has changed");

    fireEvent.click(screen.getByRole("button", { name: "Choose handover file…" }));
    await waitFor(() => expect(preview).toHaveBeenCalledTimes(2));
    await waitFor(() => expect(screen.getByTestId("handover-signer").dataset.trust).toBe("accepted"));
    expect(screen.queryByLabelText(/It is the same as the fingerprint/)).toBeNull();
    fireEvent.click(screen.getByRole("button", { name: "Import" }));
    await waitFor(() => expect(imported).toHaveBeenLastCalledWith(expect.objectContaining({ accept_signer: null })));
  });

  it("asks what to do with someone erased here before, and sends the choice", async () => {
    vi.spyOn(api, "caseload").mockResolvedValue({ rows: [] } as never);
    vi.spyOn(api, "colleague_keys").mockResolvedValue({ colleagues: [] });
    const withErased: HandoverView = {
      ...view("accepted"),
      people: [
        {
          name: "Ivy Walker",
          nhs_number: "943 476 5919",
          matched: "new",
          conflict: null,
          episodes: 1,
          erased: "Erased from this vault on 01/12/2026, at their request",
        },
      ],
      added: {},
      summary: [],
    };
    const preview = vi.spyOn(api, "preview_handover").mockResolvedValue(withErased);
    const imported = vi
      .spyOn(api, "import_handover")
      .mockRejectedValueOnce({ code: "IMPORT_REFUSED", field: "erased", message: "Nothing was imported: this handover would bring back Ivy Walker." })
      .mockResolvedValueOnce(withErased);
    render(<Handover />);
    fireEvent.click(screen.getByRole("button", { name: "Choose handover file…" }));
    expect(await screen.findByText(/Erased from this vault on 01\/12\/2026, at their request: left out unless you bring them back/)).toBeTruthy();
    fireEvent.click(screen.getByRole("button", { name: "Import" }));
    await waitFor(() => expect(imported).toHaveBeenCalledTimes(1));
    expect(imported).toHaveBeenLastCalledWith(expect.objectContaining({ erased: null }));
    fireEvent.click(screen.getByLabelText("Leave them out: their erasure stands"));
    await waitFor(() => expect(preview).toHaveBeenLastCalledWith(expect.objectContaining({ erased: "leave_out" })));
    fireEvent.click(screen.getByRole("button", { name: "Import" }));
    await waitFor(() => expect(imported).toHaveBeenCalledTimes(2));
    expect(imported).toHaveBeenLastCalledWith(expect.objectContaining({ erased: "leave_out" }));
  });
});
