package io.pgsignal.router.config;

import jakarta.enterprise.context.ApplicationScoped;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.UUID;

/** This replica's name in webhook leases: configured, or host name plus a random suffix. */
@ApplicationScoped
public class InstanceId {

  private final String value;

  public InstanceId(RouterConfig config) {
    this.value = config.instanceId().orElseGet(InstanceId::generated);
  }

  public String value() {
    return value;
  }

  private static String generated() {
    String host;
    try {
      host = InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      host = "router";
    }
    return host + "-" + UUID.randomUUID().toString().substring(0, 8);
  }
}
