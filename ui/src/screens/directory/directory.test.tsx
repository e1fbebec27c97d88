import { afterEach, describe, expect, it, vi } from "vitest";
import { act, cleanup, fireEvent, render, renderHook, screen, waitFor } from "@testing-library/react";
import { api, type FileHandle, type ImportReport, type JobView } from "../../generated/api";
import type { Chosen } from "../../lib/files";

// The shell's dialog hands back a handle (and the name to show), never a path the window chose.
let next: Chosen | null = null;
function chosen(shown: string): Chosen {
  return { handle: `file-${shown.length}` as FileHandle, name: shown.split("/").pop() ?? shown, shown };
}
vi.mock("../../lib/files", async (original) => ({
  ...(await original<typeof import("../../lib/files")>()),
  pickFile: async () => next,
  pickFolder: async () => next,
  pickSaveAs: async () => next,
}));

const { ImportExport } = await import("./ImportExport");
const { useAssetSearch } = await import("./search");

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

const running: JobView = { job_id: "j1", kind: "import_assets", state: "running", done: 512, total: 1024, output: null, error: null };

describe("ImportExport", () => {
  it("shows a progress bar while the feed is read, then every problem placed by file, row and field", async () => {
    next = chosen("/feeds/calderdale");
    const start = vi.spyOn(api, "import_assets").mockResolvedValue({ job_id: "j1" });
    let finish: (r: ImportReport) => void = () => undefined;
    const finished = new Promise<ImportReport>((res) => (finish = res));
    let report: ImportReport | null = null;
    void finished.then((r) => (report = r));
    vi.spyOn(api, "job_status").mockImplementation(async () => (report ? { ...running, state: "done", output: { kind: "import", report } } : running));
    render(<ImportExport />);
    fireEvent.click(screen.getByRole("button", { name: "Choose a folder…" }));
    await waitFor(() => expect(screen.getByTestId("import-source").textContent).toBe("/feeds/calderdale"));
    fireEvent.click(screen.getByRole("button", { name: "Check and preview" }));
    await waitFor(() => expect(screen.getByLabelText("Reading the feed: 50%")).toBeTruthy());
    expect((screen.getByLabelText("Reading the feed: 50%") as HTMLProgressElement).value).toBe(50);
    expect(start).toHaveBeenCalledWith({ path: next.handle, dry_run: true });
    finish({
      dry_run: true,
      committed: false,
      added: 3,
      updated: 0,
      unchanged: 0,
      more_problems: 0,
      ignored_files: [],
      problems: [
        { file: "contacts.csv", place: "row 3", field: "service_id", message: 'No service in services.csv has the id "x".', whole_file: false },
        { file: "phones.csv", place: "the file", field: null, message: "Linkwork cannot open this file: permission denied.", whole_file: true },
      ],
      warnings: [{ file: "services.csv", place: "row 2", field: "email", message: '"info at x" is not a "email".', whole_file: false }],
      more_warnings: 0,
    });
    await waitFor(() => expect(screen.getByTestId("import-problems").textContent).toContain("contacts.csvrow 3service_idNo service in services.csv"));
    // The file that cannot be read is said on top, not in the table; warnings are listed apart.
    expect(screen.getByTestId("import-file-problems").textContent).toContain("phones.csv: Linkwork cannot open this file");
    expect(screen.getByTestId("import-problems").textContent).not.toContain("phones.csv");
    expect(screen.getByTestId("import-warnings").textContent).toContain('is not a "email"');
    expect(screen.queryByRole("progressbar")).toBeNull();
    expect(screen.queryByRole("button", { name: /^Import/ })).toBeNull();
    expect(screen.getByRole("alert").textContent).toContain("Nothing was imported");
  });

  it("asks before replacing a file that already exists, and replaces it only then", async () => {
    next = chosen("/home/me/directory.json");
    const run = vi
      .spyOn(api, "export_assets")
      .mockRejectedValueOnce({ code: "FILE_EXISTS", field: "path", message: "/home/me/directory.json already exists.", related_person_id: null, problems: [] })
      .mockResolvedValueOnce({ job_id: "j2" });
    vi.spyOn(api, "job_status").mockResolvedValue({
      job_id: "j2",
      kind: "export_assets",
      state: "done",
      done: 1,
      total: 1,
      output: { kind: "export", report: { assets: 12, path: "/home/me/directory.json" } },
      error: null,
    });
    render(<ImportExport />);
    fireEvent.click(screen.getByRole("button", { name: "Export…" }));
    await waitFor(() => expect(screen.getByTestId("replace-question").textContent).toContain("directory.json already exists"));
    expect(run).toHaveBeenLastCalledWith({ path: next.handle, format: "oruk-json", overwrite: false });
    fireEvent.click(screen.getByRole("button", { name: "Replace it" }));
    await waitFor(() => expect(screen.getByText("Exported 12 groups and services to /home/me/directory.json.")).toBeTruthy());
    expect(run).toHaveBeenLastCalledWith({ path: next.handle, format: "oruk-json", overwrite: true });
  });
});

describe("The directory search", () => {
  it("says when it could not search (after asking again a few times), and Try again asks once more", async () => {
    const failure = { code: "BUSY", message: "A backup is being made.", field: null, related_person_id: null, problems: [] };
    const search = vi
      .spyOn(api, "search_assets")
      .mockRejectedValueOnce(failure)
      .mockRejectedValueOnce(failure)
      .mockRejectedValueOnce(failure)
      .mockRejectedValueOnce(failure)
      .mockResolvedValue({ hits: [], total: 0 });
    const args = {
      text: "choir",
      category: null,
      free_only: false,
      accessible_only: false,
      active_only: true,
      favourites_only: false,
      verified_within_months: null,
      limit: 10,
    };
    const { result } = renderHook(() => useAssetSearch(args));
    await waitFor(() => expect(result.current[2]).toBe("A backup is being made."));
    expect(result.current[0]).toBeNull();
    expect(search).toHaveBeenCalledTimes(4);
    act(() => result.current[3]());
    await waitFor(() => expect(result.current[0]).toEqual({ hits: [], total: 0 }));
    expect(result.current[2]).toBeNull();
  });
});
