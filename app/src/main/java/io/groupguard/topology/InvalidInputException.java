package io.groupguard.topology;

/**
 * An input record that was read but cannot be processed (e.g. a null value). Thrown so
 * that the processing exception handler sends the record to the dead-letter topic with
 * this message as the reason, and processing continues.
 */
public final class InvalidInputException extends RuntimeException {
  public InvalidInputException(String message) {
    super(message);
  }
}
