package io.groupguard.rules;

/** One compiled check of one rule other than keywords (which are matched tenant-wide at once). */
interface StatelessCheck {

  /** The finding for {@code content}, or null when the check passes. Must not throw. */
  Finding check(MessageContent content);
}
