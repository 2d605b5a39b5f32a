package io.pgsignal.exposure.identity;

/**
 * Who is calling, as proven by the bearer token.
 *
 * @param actorRef the signal actor, or null for a Directus user without an actor mapping
 * @param reader true when the caller may read the board and the registries pivot
 */
public record Caller(String actorRef, boolean reader) {

  public boolean hasActor() {
    return actorRef != null;
  }
}
