package io.groupguard.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.List;

/** Writes RFC 4180 CSV records, quoting fields that hold commas, quotes or line breaks. */
final class CsvWriter implements AutoCloseable {

  private final Writer writer;

  CsvWriter(Writer writer) {
    this.writer = writer;
  }

  void write(List<String> fields) {
    try {
      for (int i = 0; i < fields.size(); i++) {
        if (i > 0) {
          writer.write(',');
        }
        writer.write(quote(fields.get(i)));
      }
      writer.write("\r\n");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String quote(String field) {
    if (field.indexOf(',') < 0 && field.indexOf('"') < 0 && field.indexOf('\n') < 0 && field.indexOf('\r') < 0) {
      return field;
    }
    return '"' + field.replace("\"", "\"\"") + '"';
  }

  @Override
  public void close() throws IOException {
    writer.close();
  }
}
