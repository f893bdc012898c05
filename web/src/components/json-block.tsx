// JSON shown as the API answered it, indented, in a scrollable block a keyboard can reach.
export function JsonBlock({ value, label }: { value: unknown; label: string }) {
  return (
    <pre className="json-block" tabIndex={0} aria-label={label}>
      {value === undefined ? '(none)' : JSON.stringify(value, null, 2)}
    </pre>
  );
}
