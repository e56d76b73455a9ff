package io.groupguard.cli;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/**
 * Streams the records of an RFC 4180 CSV file, one at a time, whatever the file's size: fields
 * separated by commas, optionally in double quotes, inside which commas, line breaks and doubled
 * quotes ({@code ""}) are literal. A leading byte-order mark and blank lines are skipped; CRLF and
 * LF both end a record.
 */
final class CsvReader implements AutoCloseable {

  /** A record and the line it starts on (1-based, counting every line of the file). */
  record Row(long line, List<String> fields) {
  }

  private static final char BYTE_ORDER_MARK = '\uFEFF';
  private static final int END = -1;

  private final Reader reader;
  private final String source;
  private final char[] buffer = new char[64 * 1024];
  private int length;
  private int position;
  private long line = 1;
  private boolean started;

  /** @param source the file name, for errors */
  CsvReader(Reader reader, String source) {
    this.reader = reader;
    this.source = source;
  }

  /** The next non-blank record, or null at the end of the file. */
  Row next() throws IOException {
    if (!started) {
      started = true;
      if (peek() == BYTE_ORDER_MARK) {
        position++;
      }
    }
    while (peek() == '\r' || peek() == '\n') {
      endOfLine();
    }
    if (peek() == END) {
      return null;
    }
    long start = line;
    List<String> fields = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    while (true) {
      int c = peek();
      if (c == '"' && field.isEmpty()) {
        position++;
        readQuoted(field, start);
        c = peek();
        if (c != ',' && c != '\r' && c != '\n' && c != END) {
          throw new InputFileException(source + ":" + line + ": text after the closing quote of field "
              + (fields.size() + 1) + "; double a quote inside a quoted field (\"\")");
        }
      } else if (c == ',') {
        position++;
        fields.add(field.toString());
        field.setLength(0);
      } else if (c == '\r' || c == '\n' || c == END) {
        fields.add(field.toString());
        if (c != END) {
          endOfLine();
        }
        return new Row(start, fields);
      } else {
        position++;
        field.append((char) c);
      }
    }
  }

  private void readQuoted(StringBuilder field, long start) throws IOException {
    while (true) {
      int c = peek();
      if (c == END) {
        throw new InputFileException(source + ":" + start + ": a quoted field is never closed");
      }
      position++;
      if (c == '"') {
        if (peek() != '"') {
          return;
        }
        position++;
      } else if (c == '\n') {
        line++;
      }
      field.append((char) c);
    }
  }

  /** Consumes CRLF, LF or a lone CR. */
  private void endOfLine() throws IOException {
    if (peek() == '\r') {
      position++;
    }
    if (peek() == '\n') {
      position++;
    }
    line++;
  }

  private int peek() throws IOException {
    if (position == length) {
      length = reader.read(buffer, 0, buffer.length);
      position = 0;
      if (length <= 0) {
        length = 0;
        return END;
      }
    }
    return buffer[position];
  }

  @Override
  public void close() throws IOException {
    reader.close();
  }
}
