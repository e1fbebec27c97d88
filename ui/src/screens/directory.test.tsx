import { afterEach, describe, expect, it, vi } from "vitest";
import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { api, type ImportReport } from "../generated/api";
import { ImportExport } from "./Directory";

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

describe("ImportExport", () => {
  it("shows a progress bar while the feed is read, then every problem placed by file, row and field", async () => {
    let finish: (r: ImportReport) => void = () => undefined;
    const run = vi.spyOn(api, "import_assets").mockReturnValue(new Promise((res) => (finish = res)));
    vi.spyOn(api, "import_progress").mockResolvedValue({ running: true, done_bytes: 512, total_bytes: 1024 });
    render(<ImportExport />);
    fireEvent.change(screen.getByLabelText("File or folder"), { target: { value: "/feeds/calderdale" } });
    fireEvent.click(screen.getByRole("button", { name: "Check and preview" }));
    await waitFor(() => expect(screen.getByLabelText("Reading the feed: 50%")).toBeTruthy());
    expect((screen.getByLabelText("Reading the feed: 50%") as HTMLProgressElement).value).toBe(50);
    expect(run).toHaveBeenCalledWith({ path: "/feeds/calderdale", dry_run: true });
    finish({
      dry_run: true, committed: false, added: 3, updated: 0, unchanged: 0, more_problems: 0, ignored_files: [],
      problems: [{ file: "contacts.csv", place: "row 3", field: "service_id", message: "No service in services.csv has the id \"x\"." }],
    });
    await waitFor(() => expect(screen.getByTestId("import-problems").textContent).toContain("contacts.csvrow 3service_idNo service in services.csv"));
    expect(screen.queryByRole("progressbar")).toBeNull();
    expect(screen.queryByRole("button", { name: /^Import/ })).toBeNull();
    expect(screen.getByRole("alert").textContent).toContain("Nothing was imported");
  });
});
