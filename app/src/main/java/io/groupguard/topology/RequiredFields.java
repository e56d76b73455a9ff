package io.groupguard.topology;

/**
 * Checks the identifying fields of an input before anything is keyed, stored or looked up by them, so that
 * the dead letter of a record without them names the field instead of failing somewhere deep inside.
 */
final class RequiredFields {

  private final String input;

  /** @param input what the record is, as the reason names it ("chat message") */
  RequiredFields(String input) {
    this.input = input;
  }

  /** Returns this, for chaining; throws {@link InvalidInputException} when the value is null, empty or blank. */
  RequiredFields require(String field, CharSequence value) {
    if (value == null || value.toString().isBlank()) {
      throw new InvalidInputException(input + " has an empty " + field);
    }
    return this;
  }
}
