package io.pgsignal.scan.cadence;

import io.pgsignal.scan.ScanConfig;
import io.pgsignal.scan.scan.FullScanRunner;
import io.pgsignal.scan.scan.ScanPolicy;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The optional in-process schedule (off by default): follows {@code
 * policy.birth_full_scan.cadence_cron}, re-read every poll interval, and reschedules when it
 * changes (no restart). Every replica may fire; the runner's advisory lock lets one scan.
 */
@ApplicationScoped
public class InProcessSchedule {

  static final String SCAN_JOB = "birth-full-scan";
  static final String POLL_JOB = "birth-full-scan-policy-poll";

  private final Scheduler scheduler;
  private final ScanPolicy policy;
  private final FullScanRunner runner;
  private final ScanConfig config;
  private final AtomicReference<String> active = new AtomicReference<>();

  public InProcessSchedule(
      Scheduler scheduler, ScanPolicy policy, FullScanRunner runner, ScanConfig config) {
    this.scheduler = scheduler;
    this.policy = policy;
    this.runner = runner;
    this.config = config;
  }

  void start(@Observes StartupEvent event) {
    if (!config.schedule().enabled()) {
      return;
    }
    Duration poll = config.schedule().policyPollInterval();
    scheduler
        .newJob(POLL_JOB)
        .setInterval(every(poll))
        .setAsyncTask(
            execution ->
                policy
                    .read()
                    .invoke(p -> p.cadenceCron().ifPresent(this::follow))
                    .onFailure()
                    .invoke(e -> Log.warnf("cadence policy not readable: %s", e.getMessage()))
                    .onFailure()
                    .recoverWithNull()
                    .replaceWithVoid())
        .schedule();
  }

  /** The scheduler's interval for {@code poll}, in milliseconds so a sub-second one stays exact. */
  static String every(Duration poll) {
    return poll.toMillis() + "ms";
  }

  /** Schedules (or reschedules) the scan on the given Unix policy cron; returns the Quartz cron. */
  public synchronized String follow(String policyCron) {
    String quartz;
    try {
      quartz = CronConversion.unixToQuartz(policyCron);
    } catch (CronFormatException e) {
      Log.warnf("in-process schedule kept as is: %s", e.getMessage());
      return active.get();
    }
    if (quartz.equals(active.get())) {
      return quartz;
    }
    if (active.get() != null) {
      scheduler.unscheduleJob(SCAN_JOB);
    }
    scheduler
        .newJob(SCAN_JOB)
        .setCron(quartz)
        .setConcurrentExecution(io.quarkus.scheduler.Scheduled.ConcurrentExecution.SKIP)
        .setAsyncTask(
            execution ->
                runner
                    .trigger(false)
                    .onFailure()
                    .invoke(e -> Log.warnf("scheduled full scan failed: %s", e.getMessage()))
                    .onFailure()
                    .recoverWithNull()
                    .replaceWithVoid())
        .schedule();
    Log.infof("in-process full scan scheduled on '%s' (policy '%s')", quartz, policyCron);
    active.set(quartz);
    return quartz;
  }

  /** Stops the in-process scan schedule. */
  public synchronized void stop() {
    if (active.getAndSet(null) != null) {
      scheduler.unscheduleJob(SCAN_JOB);
    }
  }

  /** The Quartz cron the scan is scheduled on in this process, if any. */
  public Optional<String> activeCron() {
    return Optional.ofNullable(active.get());
  }
}
