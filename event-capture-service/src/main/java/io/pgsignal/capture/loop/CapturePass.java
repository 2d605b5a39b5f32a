package io.pgsignal.capture.loop;

import io.pgsignal.capture.config.CaptureConfig;
import io.pgsignal.capture.grouping.ClosedGroups;
import io.pgsignal.capture.grouping.GroupFold;
import io.pgsignal.capture.grouping.GroupKey;
import io.pgsignal.capture.outbox.FactBatch;
import io.pgsignal.capture.outbox.FailureRecorder;
import io.pgsignal.capture.outbox.PassResult;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.stream.Collectors;

/**
 * One pass of the worker: drain ungrouped facts batch after batch while batches come back full,
 * then fold the groups that have closed. A batch that fails as a whole (an unexpected error, not a
 * refusal) is retried fact by fact, each in its own short transaction, so one poison fact gets its
 * failure recorded and the others commit. A transient error (connection, pool, serialization,
 * resources, operator intervention) fails the pass instead: the facts stay as they were and the
 * next pass retries them without counting an attempt ({@link FailureRecorder#isTransient}).
 */
@ApplicationScoped
public class CapturePass {

  private final FactBatch batch;
  private final FailureRecorder failures;
  private final ClosedGroups closedGroups;
  private final GroupFold groupFold;
  private final CaptureConfig config;
  private final Clock clock;

  public CapturePass(
      FactBatch batch,
      FailureRecorder failures,
      ClosedGroups closedGroups,
      GroupFold groupFold,
      CaptureConfig config,
      Clock clock) {
    this.batch = batch;
    this.failures = failures;
    this.closedGroups = closedGroups;
    this.groupFold = groupFold;
    this.config = config;
    this.clock = clock;
  }

  /** Runs one pass on its own, see {@link #run(PassProgress)}. */
  public Uni<Outcome> run() {
    return run(PassProgress.NONE);
  }

  /**
   * Runs one pass, reporting each batch and fold to {@code progress}; the result says what it did
   * and whether the last batch came back full.
   */
  public Uni<Outcome> run(PassProgress progress) {
    return drain(0, config.batchSize(), PassResult.EMPTY, progress)
        .flatMap(
            drained ->
                foldGroups(progress)
                    .map(folded -> new Outcome(drained.result().plus(folded), drained.full())));
  }

  /** What a pass did; {@code full}: it stopped with work left, run again at once. */
  public record Outcome(PassResult result, boolean full) {}

  /** A full batch means a backlog: the next one is twice as large, up to max-batch-size. */
  private Uni<Outcome> drain(int batches, int size, PassResult soFar, PassProgress progress) {
    return claimBatch(size)
        .flatMap(
            r -> {
              progress.made();
              PassResult total = soFar.plus(r);
              boolean full = r.claimed() >= size;
              if (full && batches + 1 < config.maxBatchesPerPass() && !progress.stopping()) {
                int next = Math.max(size, Math.min(size * 2, config.maxBatchSize()));
                return drain(batches + 1, next, total, progress);
              }
              return Uni.createFrom().item(new Outcome(total, full));
            });
  }

  private Uni<PassResult> claimBatch(int size) {
    OffsetDateTime now = now();
    return batch
        .processBatch(now, size)
        .onFailure()
        .recoverWithUni(
            e -> {
              if (FailureRecorder.isTransient(e)) {
                return Uni.createFrom().failure(e); // not the facts' fault: the pass fails
              }
              Log.warnf(
                  "Batch failed (%s); processing facts one by one", FailureRecorder.describe(e));
              return oneByOne(now);
            });
  }

  private Uni<PassResult> oneByOne(OffsetDateTime now) {
    return batch
        .dueIds(now, config.batchSize())
        .onItem()
        .transformToMulti(ids -> Multi.createFrom().iterable(ids))
        .onItem()
        .transformToUniAndConcatenate(id -> processIsolated(id, now))
        .collect()
        .with(Collectors.reducing(PassResult.EMPTY, PassResult::plus));
  }

  private Uni<PassResult> processIsolated(long factId, OffsetDateTime now) {
    return batch
        .processOne(now, factId)
        .onFailure()
        .recoverWithUni(
            e -> {
              if (FailureRecorder.isTransient(e)) {
                return Uni.createFrom().failure(e);
              }
              Log.warnf("Fact %d failed: %s", factId, FailureRecorder.describe(e));
              return failures.record(factId, e, now);
            });
  }

  private Uni<PassResult> foldGroups(PassProgress progress) {
    if (progress.stopping()) {
      return Uni.createFrom().item(PassResult.EMPTY);
    }
    OffsetDateTime now = now();
    return closedGroups
        .find(now, config.groupsPerPass())
        .onItem()
        .transformToMulti(keys -> Multi.createFrom().iterable(keys))
        .onItem()
        .transformToUniAndConcatenate(
            key ->
                progress.stopping()
                    ? Uni.createFrom().item(PassResult.EMPTY)
                    : foldIsolated(key, now).invoke(progress::made))
        .collect()
        .with(Collectors.reducing(PassResult.EMPTY, PassResult::plus));
  }

  private Uni<PassResult> foldIsolated(GroupKey key, OffsetDateTime now) {
    return groupFold
        .fold(key, now, config.memberRefsCap())
        .onFailure()
        .recoverWithUni(
            e -> {
              if (FailureRecorder.isTransient(e)) {
                return Uni.createFrom().failure(e);
              }
              Log.warnf(
                  "Group %s/%s/%s failed: %s",
                  key.domain(), key.type(), key.groupingKey(), FailureRecorder.describe(e));
              return failures.recordGroup(key, e, now);
            });
  }

  private OffsetDateTime now() {
    return OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
  }
}
