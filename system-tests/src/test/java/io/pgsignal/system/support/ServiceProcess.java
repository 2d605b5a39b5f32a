package io.pgsignal.system.support;

import io.pgsignal.schema.test.TestDatabase;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One built service (its {@code target/quarkus-app/quarkus-run.jar}) running as an OS process
 * against a test database, on a free port, logging to {@code system-tests/target/logs}.
 */
public final class ServiceProcess implements AutoCloseable {

  /**
   * The JVM flags of the services' container image (ubi9 openjdk-17-runtime's run-java.sh picks
   * ParallelGC and these heap ratios; deploy/docker/Dockerfile.jvm), with a fixed heap; {@code
   * PGSIGNAL_SERVICE_JAVA_OPTS} replaces them.
   */
  static final String IMAGE_JAVA_OPTS =
      "-Xmx384m -XX:+UseParallelGC -XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=20"
          + " -XX:GCTimeRatio=4 -XX:AdaptiveSizePolicyWeight=90 -XX:+ExitOnOutOfMemoryError";

  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private final String module;
  private final int port;
  private final Process process;
  private final Path log;

  private ServiceProcess(String module, int port, Process process, Path log) {
    this.module = module;
    this.port = port;
    this.process = process;
    this.log = log;
  }

  /** Starts {@code module} without waiting for readiness. */
  public static ServiceProcess launch(String module, TestDatabase db, Map<String, String> env) {
    Path root = ProjectRoot.get();
    Path jar = root.resolve(module).resolve("target/quarkus-app/quarkus-run.jar");
    if (!Files.exists(jar)) {
      throw new IllegalStateException(
          jar + " is missing: build the services first (./mvnw install)");
    }
    int port = freePort();
    try {
      Path logs = root.resolve("system-tests/target/logs");
      Files.createDirectories(logs);
      Path log = logs.resolve(module + "-" + port + ".log");
      var builder =
          new ProcessBuilder(command(jar)).redirectErrorStream(true).redirectOutput(log.toFile());
      Map<String, String> environment = builder.environment();
      environment.putAll(defaultEnv(db, port));
      environment.putAll(env);
      return new ServiceProcess(module, port, builder.start(), log);
    } catch (IOException e) {
      throw new IllegalStateException("Cannot start " + module, e);
    }
  }

  private static List<String> command(Path jar) {
    String opts = System.getenv().getOrDefault("PGSIGNAL_SERVICE_JAVA_OPTS", IMAGE_JAVA_OPTS);
    List<String> command = new ArrayList<>();
    command.add("java");
    if (!opts.isBlank()) {
      command.addAll(Arrays.asList(opts.trim().split("\\s+")));
    }
    command.add("-jar");
    command.add(jar.toString());
    return command;
  }

  /** Starts {@code module} and waits until {@code /q/health/ready} answers 200. */
  public static ServiceProcess start(String module, TestDatabase db, Map<String, String> env) {
    ServiceProcess service = launch(module, db, env);
    service.awaitReady(Duration.ofSeconds(60));
    return service;
  }

  public static Map<String, String> defaultEnv(TestDatabase db, int port) {
    Map<String, String> env = new HashMap<>();
    env.put("QUARKUS_HTTP_PORT", Integer.toString(port));
    env.put("QUARKUS_DATASOURCE_JDBC_URL", db.jdbcUrl());
    env.put("QUARKUS_DATASOURCE_REACTIVE_URL", db.reactiveUrl());
    env.put("QUARKUS_DATASOURCE_USERNAME", TestDatabase.USER);
    env.put("QUARKUS_DATASOURCE_PASSWORD", TestDatabase.PASSWORD);
    env.put("SIGNAL_ADMIN_TOKEN", "system-test-admin-token");
    env.put("SCAN_TRIGGER_TOKEN", "system-test-scan-token");
    env.put("DIRECTUS_SECRET", "system-test-directus-secret-32-bytes!");
    return env;
  }

  public void awaitReady(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            module + " exited with " + process.exitValue() + "; see " + log);
      }
      if (get("/q/health/ready").statusCode() == 200) {
        return;
      }
      sleep(200);
    }
    throw new IllegalStateException(module + " not ready within " + timeout + "; see " + log);
  }

  public HttpResponse<String> get(String path) {
    try {
      return HTTP.send(
          HttpRequest.newBuilder(URI.create(baseUrl() + path))
              .timeout(Duration.ofSeconds(5))
              .build(),
          HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      return new UnreachableResponse(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public String baseUrl() {
    return "http://127.0.0.1:" + port;
  }

  public String module() {
    return module;
  }

  public Path log() {
    return log;
  }

  /** CPU time (user + system, all threads) the service process has used so far. */
  public Duration cpuTime() {
    return process
        .toHandle()
        .info()
        .totalCpuDuration()
        .orElseThrow(() -> new IllegalStateException("no CPU time for " + module));
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  /** Graceful stop (SIGTERM), as an orchestrator does; returns the exit code. */
  public int stop() {
    process.destroy();
    try {
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor();
      }
      return process.exitValue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Crash (SIGKILL): no shutdown hook runs. */
  public void kill() {
    try {
      process.destroyForcibly().waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    if (process.isAlive()) {
      stop();
    }
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
