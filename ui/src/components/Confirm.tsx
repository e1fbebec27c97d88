import { useEffect, useRef, useState } from "react";

/** A button that asks before doing something that cannot be undone (discarding a note). */
export function ConfirmButton({ id, label, question, yes, onConfirm }: { id: string; label: string; question: string; yes: string; onConfirm: () => void }) {
  const [asking, setAsking] = useState(false);
  const yesRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (asking) yesRef.current?.focus();
  }, [asking]);
  if (!asking)
    return (
      <button className="nhsuk-button nhsuk-button--secondary" type="button" id={id} onClick={() => setAsking(true)}>
        {label}
      </button>
    );
  return (
    <span className="app-confirm" role="group" aria-label={question}>
      <span className="app-confirm__question">{question}</span>{" "}
      <button className="nhsuk-button nhsuk-button--warning" type="button" id={`${id}-confirm`} ref={yesRef} onClick={onConfirm}>
        {yes}
      </button>{" "}
      <button className="nhsuk-button nhsuk-button--secondary" type="button" id={`${id}-keep`} onClick={() => setAsking(false)}>
        Keep it
      </button>
    </span>
  );
}
