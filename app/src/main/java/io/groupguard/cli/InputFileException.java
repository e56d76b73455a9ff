package io.groupguard.cli;

/**
 * A file given to a command cannot be used; the message names the file, the line and the field,
 * e.g. {@code rules.yaml:12: rules[1].keywords[2].match: ...}. The CLI prints it and exits with 2.
 */
public final class InputFileException extends IllegalArgumentException {

  public InputFileException(String message, Throwable cause) {
    super(message, cause);
  }

  public InputFileException(String message) {
    super(message);
  }
}
