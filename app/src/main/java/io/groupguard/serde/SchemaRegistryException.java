package io.groupguard.serde;

import java.io.IOException;

/**
 * A schema registry call that failed: either the registry answered with an error (then {@link
 * #httpStatus()} and the Confluent {@link #errorCode()} are set) or it could not be reached (both
 * are 0).
 */
public final class SchemaRegistryException extends RuntimeException {

  /** Confluent error code of an unknown schema id. */
  public static final int SCHEMA_NOT_FOUND = 40403;

  private final int httpStatus;
  private final int errorCode;

  public SchemaRegistryException(String message, int httpStatus, int errorCode) {
    super(message);
    this.httpStatus = httpStatus;
    this.errorCode = errorCode;
  }

  public SchemaRegistryException(String message, Throwable cause) {
    super(message, cause);
    this.httpStatus = 0;
    this.errorCode = 0;
  }

  /** HTTP status the registry answered with, 0 when it was not reached. */
  public int httpStatus() {
    return httpStatus;
  }

  /** Confluent error code from the error body (e.g. 40403), 0 when absent. */
  public int errorCode() {
    return errorCode;
  }

  /** True when the registry could not be reached or failed (HTTP 5xx): asking again later may succeed. */
  public boolean isUnavailable() {
    return httpStatus >= 500 || getCause() instanceof IOException;
  }

  /** True when the registry was reached and said the requested schema does not exist. */
  public boolean isSchemaNotFound() {
    return errorCode == SCHEMA_NOT_FOUND || (httpStatus == 404 && errorCode == 0);
  }
}
