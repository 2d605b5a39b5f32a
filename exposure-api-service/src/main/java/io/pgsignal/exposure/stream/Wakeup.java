package io.pgsignal.exposure.stream;

import java.util.Set;

/**
 * A reason for open streams to read their new deliveries: the recipients it concerns, or every
 * stream ({@link #EVERYONE}) when the hint named no deliveries, could not be resolved, or LISTEN
 * was re-established (notifications may have been missed).
 */
record Wakeup(Set<String> recipients) {

  static final Wakeup EVERYONE = new Wakeup(null);

  boolean concerns(String actor) {
    return recipients == null || recipients.contains(actor);
  }
}
