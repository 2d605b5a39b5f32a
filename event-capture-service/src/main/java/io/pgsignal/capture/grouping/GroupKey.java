package io.pgsignal.capture.grouping;

/** Facts of one (domain, type, grouping key) fold into one event while the group is open. */
public record GroupKey(String domain, String type, String groupingKey) {

  /** Text hashed into the transaction-scoped advisory lock that gives a group to one worker. */
  public String lockText() {
    return "signal.capture/" + domain + "/" + type + "/" + groupingKey;
  }
}
