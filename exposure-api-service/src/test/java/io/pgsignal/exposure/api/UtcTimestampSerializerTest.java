package io.pgsignal.exposure.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

@QuarkusTest
class UtcTimestampSerializerTest {

  private static final List<OffsetDateTime> EDGES =
      List.of(
          OffsetDateTime.parse("0000-01-01T00:00:00Z"),
          OffsetDateTime.parse("9999-12-31T23:59:59.999999999Z"),
          OffsetDateTime.parse("2026-05-08T10:00:00Z"),
          OffsetDateTime.parse("2026-05-08T10:00:00.5Z"),
          OffsetDateTime.parse("2026-05-08T10:00:00.000001Z"),
          OffsetDateTime.parse("2026-05-08T10:00:00.120Z"),
          OffsetDateTime.parse("2026-05-08T10:00:00.123456789Z"),
          OffsetDateTime.parse("2026-05-08T10:00:00.100000001Z"));

  @Inject ObjectMapper json;

  @Test
  void writesWhatTheIsoFormatterWritesForUtcTimestamps() {
    var random = new SplittableRandom(5);
    char[] out = new char[40];
    for (int i = 0; i < 200_000; i++) {
      long seconds = random.nextLong(-62_167_219_200L, 253_402_300_800L); // years 0..9999
      int nanos =
          switch (i % 4) {
            case 0 -> 0;
            case 1 -> random.nextInt(1_000) * 1_000_000;
            case 2 -> random.nextInt(1_000_000) * 1_000;
            default -> random.nextInt(1_000_000_000);
          };
      assertSameText(
          OffsetDateTime.ofInstant(Instant.ofEpochSecond(seconds, nanos), ZoneOffset.UTC), out);
    }
    EDGES.forEach(t -> assertSameText(t, out));
  }

  @Test
  void theServiceMapperWritesTimestampsAsJacksonDid() throws Exception {
    var values =
        List.of(
            OffsetDateTime.parse("2026-05-08T10:00:00.123456Z"),
            OffsetDateTime.parse("2026-05-08T12:00:00.5+02:00"),
            OffsetDateTime.parse("+10000-01-01T00:00:00Z"),
            OffsetDateTime.parse("-0001-01-01T00:00:00Z"));
    ObjectMapper plain = new ObjectMapper().findAndRegisterModules();
    plain.disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    for (OffsetDateTime v : values) {
      assertThat(json.writeValueAsString(Map.of("at", v)))
          .isEqualTo(plain.writeValueAsString(Map.of("at", v)));
    }
    assertThat(json.getSerializerProviderInstance().findValueSerializer(OffsetDateTime.class))
        .isInstanceOf(UtcTimestampSerializer.class);
  }

  private static void assertSameText(OffsetDateTime t, char[] out) {
    assertThat(UtcTimestampSerializer.fastPath(t)).isTrue();
    assertThat(new String(out, 0, UtcTimestampSerializer.format(t, out)))
        .isEqualTo(DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(t));
  }
}
