import { afterEach, describe, expect, it, vi } from "vitest";
import { cleanup, fireEvent, render, screen } from "@testing-library/react";
import { ConfirmButton } from "./Confirm";

afterEach(cleanup);

describe("ConfirmButton", () => {
  it("asks first, and only the second click does it", () => {
    const done = vi.fn();
    render(<ConfirmButton id="discard" label="Discard" question="Discard this note for good?" yes="Yes, discard it" onConfirm={done} />);
    fireEvent.click(screen.getByText("Discard"));
    expect(screen.getByText("Discard this note for good?")).toBeTruthy();
    expect(document.activeElement?.id).toBe("discard-confirm");
    fireEvent.click(screen.getByText("Keep it"));
    expect(done).not.toHaveBeenCalled();
    fireEvent.click(screen.getByText("Discard"));
    fireEvent.click(screen.getByText("Yes, discard it"));
    expect(done).toHaveBeenCalledTimes(1);
  });
});
