package io.pgsignal.capture.loop;

/**
 * The link between a running pass and its loop: the pass reports each committed batch and group
 * fold (liveness means "the loop makes progress", and a backlog drain may run many batches in one
 * pass), and asks before each further unit of work whether the loop is stopping.
 */
public interface PassProgress {

  /** For a pass run on its own (tests, one-off): nobody listens, never stopping. */
  PassProgress NONE =
      new PassProgress() {
        @Override
        public void made() {}

        @Override
        public boolean stopping() {
          return false;
        }
      };

  /** A batch or a group fold has finished (committed, or its failure recorded). */
  void made();

  /** True once shutdown began: the pass starts no further batch or fold. */
  boolean stopping();
}
