package io.pgsignal.exposure.identity;

/**
 * Who is calling, as proven by the bearer token.
 *
 * @param actorRef the signal actor, or null for a Directus user without an actor mapping
 * @param kind the actor kind (human, ai_agent, ...), or null without an actor
 * @param reader true when the caller may read the board and the registries pivot
 * @param via {@code directus} (JWT) or {@code agent} (agent/service token)
 */
public record Caller(String actorRef, String kind, boolean reader, String via) {

  public boolean hasActor() {
    return actorRef != null;
  }
}
