package io.pgsignal.exposure.api;

import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * ETag / If-None-Match for polled resources. The tag hashes a cheap change marker from SQL
 * (signal.v_inbox_marker / signal.board_version) with the request's own query, so a poll that finds
 * nothing new is answered 304 without running the listing query. Every answer carries the {@code
 * X-Poll-Interval} hint (seconds).
 */
public final class Conditional {

  public static final String POLL_HEADER = "X-Poll-Interval";

  private Conditional() {}

  /**
   * The tag of one answer: the change marker, whose resource it is (an actor's inbox, the board),
   * and the request's own parameters, so two listings of one inbox never share a tag.
   */
  public static String etag(String version, String resource, String request) {
    try {
      var digest = MessageDigest.getInstance("SHA-256");
      digest.update((version + "\n" + resource + "\n" + request).getBytes(StandardCharsets.UTF_8));
      return "\"" + HexFormat.of().formatHex(digest.digest(), 0, 16) + "\"";
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** True when If-None-Match names this tag (or *). */
  public static boolean matches(String ifNoneMatch, String etag) {
    if (ifNoneMatch == null || ifNoneMatch.length() > 2048) {
      return false;
    }
    for (String candidate : ifNoneMatch.split(",")) {
      String c = candidate.trim();
      if (c.startsWith("W/")) {
        c = c.substring(2);
      }
      if (c.equals("*") || c.equals(etag)) {
        return true;
      }
    }
    return false;
  }

  public static Response notModified(String etag, long pollSeconds) {
    return Response.notModified()
        .tag(new jakarta.ws.rs.core.EntityTag(etag.substring(1, etag.length() - 1)))
        .header(POLL_HEADER, pollSeconds)
        .header("Cache-Control", "private, no-cache")
        .build();
  }

  public static Response ok(Object body, String etag, long pollSeconds) {
    var builder =
        Response.ok(body)
            .header(POLL_HEADER, pollSeconds)
            .header("Cache-Control", "private, no-cache");
    if (etag != null) {
      builder.tag(new jakarta.ws.rs.core.EntityTag(etag.substring(1, etag.length() - 1)));
    }
    return builder.build();
  }
}
