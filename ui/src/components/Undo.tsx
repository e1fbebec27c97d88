/** "Undo" after a status message, for a change that is cheap to take back. */
export function Undo({ id, onUndo }: { id: string; onUndo: () => void }) {
  return (
    <>
      {" "}
      <button type="button" className="app-link-button" id={id} onClick={onUndo}>
        Undo
      </button>
    </>
  );
}
