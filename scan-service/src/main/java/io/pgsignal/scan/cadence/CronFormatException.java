package io.pgsignal.scan.cadence;

/** A cron expression that is invalid or cannot be expressed in the target dialect. */
public class CronFormatException extends IllegalArgumentException {

  public CronFormatException(String expression, String reason) {
    super("cron '" + expression + "': " + reason);
  }
}
