package io.pgsignal.exposure.api;

import io.pgsignal.schema.http.ApiException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Opaque keyset cursors: base64url of {@code b:<micros>:<uuid>} (board: created_at, event_id) or
 * {@code i:<delivery_id>} (inbox). Anything else is refused as {@code invalid_cursor}.
 */
public final class Cursor {

  /** Position in the board: the last (created_at, event_id) returned. */
  public record BoardPosition(OffsetDateTime createdAt, UUID eventId) {}

  private static final Pattern BOARD =
      Pattern.compile(
          "^b:(-?[0-9]{1,18}):([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$");
  private static final Pattern INBOX = Pattern.compile("^i:([0-9]{1,18})$");

  private Cursor() {}

  public static String board(OffsetDateTime createdAt, UUID eventId) {
    long micros = ChronoUnit.MICROS.between(Instant.EPOCH, createdAt.toInstant());
    return encode("b:" + micros + ":" + eventId);
  }

  public static String inbox(long deliveryId) {
    return encode("i:" + deliveryId);
  }

  public static BoardPosition parseBoard(String cursor) {
    var m = BOARD.matcher(decode(cursor));
    if (!m.matches()) {
      throw invalid();
    }
    long micros = Long.parseLong(m.group(1));
    if (Math.abs(micros) > 250_000_000_000_000_000L) {
      throw invalid();
    }
    Instant at = Instant.EPOCH.plus(micros, ChronoUnit.MICROS);
    return new BoardPosition(at.atOffset(ZoneOffset.UTC), UUID.fromString(m.group(2)));
  }

  public static long parseInbox(String cursor) {
    var m = INBOX.matcher(decode(cursor));
    if (!m.matches()) {
      throw invalid();
    }
    return Long.parseLong(m.group(1));
  }

  private static String encode(String raw) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(raw.getBytes(StandardCharsets.US_ASCII));
  }

  private static String decode(String cursor) {
    if (cursor.length() > 128) {
      throw invalid();
    }
    try {
      return new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.US_ASCII);
    } catch (IllegalArgumentException e) {
      throw invalid();
    }
  }

  private static ApiException invalid() {
    return ApiException.badRequest("invalid_cursor", "cursor is not a cursor this API returned");
  }
}
