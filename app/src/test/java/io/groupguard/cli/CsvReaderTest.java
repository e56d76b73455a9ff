package io.groupguard.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.groupguard.cli.CsvReader.Row;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvReaderTest {

  @Test
  void readsQuotedFieldsWithCommasQuotesAndLineBreaks() throws IOException {
    List<Row> rows = read("a,\"b, c\",\"say \"\"hi\"\"\"\r\n\"two\nlines\",,x\n");

    assertThat(rows).extracting(Row::fields).containsExactly(
        List.of("a", "b, c", "say \"hi\""),
        List.of("two\nlines", "", "x"));
    assertThat(rows).extracting(Row::line).containsExactly(1L, 2L);
  }

  @Test
  void skipsTheByteOrderMarkAndBlankLinesAndCountsLines() throws IOException {
    List<Row> rows = read("\uFEFFtenantId,memberId\n\n\r\n店铺,会员-张三\n\n\"多行\n备注\",x\nlast,row");

    assertThat(rows).extracting(Row::fields).containsExactly(
        List.of("tenantId", "memberId"), List.of("店铺", "会员-张三"), List.of("多行\n备注", "x"), List.of("last", "row"));
    assertThat(rows).extracting(Row::line).containsExactly(1L, 4L, 6L, 8L);
  }

  @Test
  void readsAnEmptyFileAsNoRows() throws IOException {
    assertThat(read("")).isEmpty();
    assertThat(read("\uFEFF\n\n")).isEmpty();
  }

  @Test
  void anUnclosedQuoteNamesItsLine() {
    assertThatThrownBy(() -> read("a,b\nc,\"never closed\nd\n"))
        .isInstanceOf(InputFileException.class).hasMessage("in.csv:2: a quoted field is never closed");
  }

  @Test
  void textAfterAClosingQuoteNamesItsLineAndField() {
    assertThatThrownBy(() -> read("a,\"b\"c\n"))
        .isInstanceOf(InputFileException.class).hasMessageStartingWith("in.csv:1: text after the closing quote of field 2");
  }

  @Test
  void whatTheWriterWritesTheReaderReadsBack() throws IOException {
    List<String> fields = List.of("plain", "with, comma", "with \"quote\"", "multi\r\nline", "", "张三");
    StringWriter text = new StringWriter();
    try (CsvWriter writer = new CsvWriter(text)) {
      writer.write(fields);
    }
    assertThat(read(text.toString())).extracting(Row::fields).containsExactly(fields);
  }

  private static List<Row> read(String text) throws IOException {
    List<Row> rows = new ArrayList<>();
    try (CsvReader reader = new CsvReader(new StringReader(text), "in.csv")) {
      for (Row row = reader.next(); row != null; row = reader.next()) {
        rows.add(row);
      }
    }
    return rows;
  }
}
