package io.pgsignal.exposure.stream;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.TreeSet;

/**
 * Where a live stream stands, in commit order rather than id order. Delivery ids are drawn before
 * their transactions commit, so a delivery can become visible after one with a higher id. The
 * cursor therefore keeps a settled horizon ({@link #settled()}: every delivery id at or below it
 * was sent or will never exist) and the ids already sent above it; each read asks for the ids above
 * the horizon that were not sent yet. The horizon moves up to the highest id a read saw once every
 * transaction that was in progress during that read has ended (a later read's snapshot xmin reaches
 * that read's snapshot xmax): since V310 a transaction holds its xid before it draws a delivery id,
 * so no such transaction can still hold a lower id. This also relies on delivery ids being drawn in
 * order across sessions: the identity sequence of signal.delivery has no per-session CACHE (a
 * cached range would hand out a lower id later). Not thread-safe: one stream's reads are
 * sequential.
 */
final class StreamCursor {

  /** One read that may still be overtaken: its snapshot's xmax and the highest id it saw. */
  private record Seen(long xmax, long highestId) {}

  private long settled;
  private final TreeSet<Long> sent = new TreeSet<>();
  private final Deque<Seen> unsettled = new ArrayDeque<>();

  StreamCursor(long settled) {
    this.settled = settled;
  }

  /** Every delivery id at or below this was sent or will never exist: the resume position. */
  long settled() {
    return settled;
  }

  /** Ids above {@link #settled()} already sent, which the next read must leave out. */
  Long[] sentAbove() {
    return sent.toArray(Long[]::new);
  }

  /**
   * Records a read at a snapshot (xmin, xmax) that returned {@code ids} (ascending: the lowest
   * unsent ids above the horizon, all of which the stream now sends); {@code complete} when the
   * page size did not cut it.
   */
  void read(long xmin, long xmax, List<Long> ids, boolean complete) {
    sent.addAll(ids);
    if (!ids.isEmpty()) {
      unsettled.addLast(new Seen(xmax, ids.get(ids.size() - 1)));
    }
    // a read cut by the page size may have left lower unsent ids than a later one: settle on full
    // reads
    if (complete) {
      while (!unsettled.isEmpty() && unsettled.peekFirst().xmax() <= xmin) {
        settled = Math.max(settled, unsettled.pollFirst().highestId());
      }
      sent.headSet(settled, true).clear();
    }
  }

  /**
   * The SSE id for a sent delivery: a position to resume from that loses nothing. The delivery's
   * own id once it is settled; the horizon below it while a lower id may still commit (a client
   * resuming from there gets some deliveries twice, never none).
   */
  long resumeId(long deliveryId) {
    return Math.min(deliveryId, settled);
  }
}
