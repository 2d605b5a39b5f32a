package io.pgsignal.system.exposure;

import io.pgsignal.exposure.inbox.InboxQuery;
import io.pgsignal.exposure.inbox.SummaryQuery;

/**
 * The statements exposure-api-service sends for the inbox and the summary (the service's own
 * constants, so the two cannot drift), with the arguments the API binds for a default request: the
 * benchmark's direct baseline runs exactly what the API runs.
 */
final class ExposureStatements {

  /** An inbox page, the default listing: the change marker and the page in one statement. */
  static final String INBOX = InboxQuery.UNREAD_SQL;

  /** The unread summary with the change marker. */
  static final String SUMMARY = SummaryQuery.SUMMARY_SQL;

  /** The marker alone: what a poll with If-None-Match reads first. */
  static final String MARKER = InboxQuery.VERSION_SQL;

  /** The API's arguments for a default inbox request: unread, no filters, limit 50 + 1. */
  static Object[] inboxArgs(String actor) {
    return new Object[] {actor, false, false, null, null, null, null, null, null, null, null, 51};
  }

  static Object[] summaryArgs(String actor) {
    return new Object[] {actor};
  }

  private ExposureStatements() {}
}
