/** Addresses typed one a line or separated by commas, semicolons or spaces; the server checks each is an email. */
export function parseRecipients(text: string): string[] {
  return [
    ...new Set(
      text
        .split(/[\s,;]+/)
        .map((part) => part.trim())
        .filter((part) => part !== ''),
    ),
  ];
}
