package io.pgsignal.exposure.api;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import com.fasterxml.jackson.datatype.jsr310.ser.OffsetDateTimeSerializer;
import java.io.IOException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Writes an {@link OffsetDateTime} exactly as Jackson's own serializer does (ISO-8601, {@code
 * DateTimeFormatter.ISO_OFFSET_DATE_TIME}), but the timestamps PostgreSQL returns (UTC, years
 * 0-9999) are written digit by digit instead of through {@code DateTimeFormatter}: an inbox page
 * has some 200 of them, and the formatter was a tenth of the service's CPU and a quarter of its
 * allocation per page (JFR, ExposureBenchmark). Any other value goes to Jackson's serializer.
 */
final class UtcTimestampSerializer extends StdSerializer<OffsetDateTime> {

  private static final int MAX_CHARS = "9999-12-31T23:59:59.999999999Z".length();

  UtcTimestampSerializer() {
    super(OffsetDateTime.class);
  }

  @Override
  public void serialize(OffsetDateTime value, JsonGenerator gen, SerializerProvider provider)
      throws IOException {
    if (!fastPath(value) || provider.isEnabled(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)) {
      OffsetDateTimeSerializer.INSTANCE.serialize(value, gen, provider);
      return;
    }
    char[] out = new char[MAX_CHARS];
    gen.writeString(out, 0, format(value, out));
  }

  /** True when {@link #format} writes what ISO_OFFSET_DATE_TIME would. */
  static boolean fastPath(OffsetDateTime value) {
    return value.getOffset() == ZoneOffset.UTC && value.getYear() >= 0 && value.getYear() <= 9999;
  }

  /** Writes {@code value} (see {@link #fastPath}) into {@code out}; returns the length. */
  static int format(OffsetDateTime value, char[] out) {
    digits(value.getYear(), 4, out, 0);
    out[4] = '-';
    digits(value.getMonthValue(), 2, out, 5);
    out[7] = '-';
    digits(value.getDayOfMonth(), 2, out, 8);
    out[10] = 'T';
    digits(value.getHour(), 2, out, 11);
    out[13] = ':';
    digits(value.getMinute(), 2, out, 14);
    out[16] = ':';
    digits(value.getSecond(), 2, out, 17);
    int n = 19;
    int nanos = value.getNano();
    if (nanos != 0) {
      // as the formatter does: the fraction without its trailing zeros
      int width = 9;
      while (nanos % 10 == 0) {
        nanos /= 10;
        width--;
      }
      out[n++] = '.';
      digits(nanos, width, out, n);
      n += width;
    }
    out[n++] = 'Z';
    return n;
  }

  private static void digits(int value, int width, char[] out, int at) {
    for (int i = at + width - 1; i >= at; i--) {
      out[i] = (char) ('0' + value % 10);
      value /= 10;
    }
  }
}
