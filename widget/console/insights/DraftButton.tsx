/** "Draft FAQ entry": adds the question to the FAQ draft and opens the editor on it. */
export function DraftButton({ question, onDraft }: { question: string; onDraft: (question: string) => void }) {
  return (
    <button type="button" onClick={() => onDraft(question)}>
      Draft FAQ entry<span class="sr-only"> for “{question}”</span>
    </button>
  );
}
