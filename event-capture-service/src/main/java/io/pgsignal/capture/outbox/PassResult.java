package io.pgsignal.capture.outbox;

/**
 * What one unit of work did: facts claimed, events written, facts dead-lettered, facts that failed
 * and will be retried, facts folded into groups.
 */
public record PassResult(int claimed, int written, int dead, int failed, int folded) {

  public static final PassResult EMPTY = new PassResult(0, 0, 0, 0, 0);

  public PassResult plus(PassResult other) {
    return new PassResult(
        claimed + other.claimed,
        written + other.written,
        dead + other.dead,
        failed + other.failed,
        folded + other.folded);
  }

  public boolean didWork() {
    return claimed > 0 || written > 0 || dead > 0 || failed > 0 || folded > 0;
  }
}
