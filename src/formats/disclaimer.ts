/** Said under every report that lists applicants: what the tool's output is, and is not. */
export const DISCLAIMER =
  'These are signals for a person to verify, not a verdict. Never reject anyone on this report alone, and never on nationality, ethnicity, name, language or where someone was born or studied.';
