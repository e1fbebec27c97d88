import { afterEach, describe, expect, it, vi } from "vitest";
import { act, cleanup, render, screen } from "@testing-library/react";
import { useCommand } from "./useCommand";
import { Loading } from "../components/Loading";

afterEach(cleanup);

function Probe({ load }: { load: () => Promise<string> }) {
  const loaded = useCommand(load, []);
  return loaded.data ? <p data-testid="data">{loaded.data}</p> : <Loading loaded={loaded} what="the thing" />;
}

describe("useCommand", () => {
  it("says it is loading, then shows the data", async () => {
    let answer: (s: string) => void = () => undefined;
    const load = vi.fn(() => new Promise<string>((r) => (answer = r)));
    render(<Probe load={load} />);
    expect(screen.getByText("Loading the thing…")).toBeTruthy();
    await act(async () => answer("here"));
    expect(screen.getByTestId("data").textContent).toBe("here");
    expect(load).toHaveBeenCalledTimes(1);
  });

  it("shows why it failed, and Try again asks again", async () => {
    const load = vi
      .fn<() => Promise<string>>()
      .mockRejectedValueOnce({ code: "LOCKED", message: "Linkwork is locked.", field: null, related_person_id: null, problems: [] })
      .mockResolvedValueOnce("second time");
    render(<Probe load={load} />);
    const failed = await screen.findByTestId("load-failed");
    expect(failed.textContent).toContain("Could not load the thing: Linkwork is locked.");
    await act(async () => screen.getByRole("button", { name: "Try again" }).click());
    expect((await screen.findByTestId("data")).textContent).toBe("second time");
    expect(load).toHaveBeenCalledTimes(2);
  });

  it("drops an answer to an older request", async () => {
    const answers: ((s: string) => void)[] = [];
    function Reloading({ n }: { n: number }) {
      const loaded = useCommand(() => new Promise<string>((r) => answers.push(r)), [n]);
      return <p data-testid="data">{loaded.data ?? "none"}</p>;
    }
    const { rerender } = render(<Reloading n={1} />);
    rerender(<Reloading n={2} />);
    await act(async () => answers[1]("new"));
    await act(async () => answers[0]("old"));
    expect(screen.getByTestId("data").textContent).toBe("new");
  });
});
