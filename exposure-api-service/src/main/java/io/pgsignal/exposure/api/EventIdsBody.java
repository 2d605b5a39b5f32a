package io.pgsignal.exposure.api;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Parses and validates {@code {"event_ids": ["<uuid>", ...]}} bodies strictly: size limit, exactly
 * that one key, 1..max-event-ids uuids (duplicates collapse). Everything else is a 4xx.
 */
@ApplicationScoped
public class EventIdsBody {

  /** The documented shape, for OpenAPI. */
  @RegisterForReflection
  public record EventIdsRequest(List<UUID> event_ids) {}

  private static final Pattern UUID_TEXT =
      Pattern.compile(
          "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$");

  private final ObjectMapper json;
  private final ExposureConfig config;

  public EventIdsBody(ObjectMapper json, ExposureConfig config) {
    this.json = json;
    this.config = config;
  }

  public UUID[] parse(byte[] body) {
    if (body == null || body.length == 0) {
      throw QueryInput.bad("invalid_body", "Send {\"event_ids\": [\"<uuid>\", ...]}");
    }
    if (body.length > config.maxBodyBytes()) {
      throw ApiErrors.tooLarge("The body exceeds " + config.maxBodyBytes() + " bytes");
    }
    JsonNode root;
    try {
      root = json.readTree(new String(body, StandardCharsets.UTF_8));
    } catch (JacksonException e) {
      throw QueryInput.bad("invalid_json", "The body is not valid JSON");
    }
    if (root == null || !root.isObject() || root.size() != 1 || !root.path("event_ids").isArray()) {
      throw QueryInput.bad("invalid_body", "Send exactly {\"event_ids\": [\"<uuid>\", ...]}");
    }
    JsonNode ids = root.get("event_ids");
    if (ids.isEmpty() || ids.size() > config.maxEventIds()) {
      throw QueryInput.bad(
          "invalid_event_ids", "event_ids must hold 1 to " + config.maxEventIds() + " uuids");
    }
    Set<UUID> out = new LinkedHashSet<>();
    for (JsonNode id : ids) {
      if (!id.isTextual() || !UUID_TEXT.matcher(id.asText()).matches()) {
        throw QueryInput.bad("invalid_event_ids", "every event_ids entry must be a uuid string");
      }
      out.add(UUID.fromString(id.asText()));
    }
    return out.toArray(UUID[]::new);
  }
}
