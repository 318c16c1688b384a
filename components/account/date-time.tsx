/** A timestamp readable without JavaScript: UTC, to the minute, with the machine value for tools. */
export function DateTime({ value }: { value: Date | null }) {
  if (!value) return <span>never</span>;
  const text = value.toISOString().slice(0, 16).replace('T', ' ') + ' UTC';
  return <time dateTime={value.toISOString()}>{text}</time>;
}
