package io.pgsignal.router.webhook;

import io.pgsignal.router.config.RouterConfig;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletionException;

/**
 * POSTs one signed envelope with the non-blocking JDK client. Every outcome, including a timeout or
 * a refused connection, comes back as a {@link WebhookAttempt}; nothing is thrown. A secret that
 * cannot sign ({@code bad_secret}) is a failure no retry can heal: it is reported as such.
 */
@ApplicationScoped
public class WebhookSender {

  private final HttpClient client;
  private final Duration readTimeout;
  private final Clock clock;

  public WebhookSender(RouterConfig config, Clock clock) {
    this.client =
        HttpClient.newBuilder()
            .connectTimeout(config.webhook().connectTimeout())
            .version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    this.readTimeout = config.webhook().readTimeout();
    this.clock = clock;
  }

  public Uni<WebhookAttempt> send(WebhookJob job) {
    long started = System.nanoTime();
    if (job.url() == null) {
      return Uni.createFrom().item(WebhookAttempt.failed("no_enabled_endpoint", Duration.ZERO));
    }
    long timestamp = clock.instant().getEpochSecond();
    String signature;
    try {
      signature = WebhookSigner.sign(job.secret(), job.eventId(), timestamp, job.body());
    } catch (IllegalArgumentException e) {
      return Uni.createFrom().item(WebhookAttempt.failedForGood("bad_secret"));
    }
    HttpRequest request;
    try {
      request = request(job, timestamp, signature);
    } catch (IllegalArgumentException e) {
      return Uni.createFrom().item(WebhookAttempt.failed("bad_url", Duration.ZERO));
    }
    return Uni.createFrom()
        .completionStage(() -> client.sendAsync(request, HttpResponse.BodyHandlers.discarding()))
        .map(
            response -> {
              Duration latency = Duration.ofNanos(System.nanoTime() - started);
              int status = response.statusCode();
              return status >= 200 && status < 300
                  ? WebhookAttempt.ok(latency)
                  : WebhookAttempt.failed("http_" + status, latency);
            })
        .onFailure()
        .recoverWithItem(
            failure ->
                WebhookAttempt.failed(
                    errorCode(failure), Duration.ofNanos(System.nanoTime() - started)));
  }

  private HttpRequest request(WebhookJob job, long timestamp, String signature) {
    return HttpRequest.newBuilder(URI.create(job.url()))
        .timeout(readTimeout)
        .header("content-type", "application/json")
        .header("user-agent", "pg-signal-router")
        .header("webhook-id", job.eventId())
        .header("webhook-timestamp", Long.toString(timestamp))
        .header("webhook-signature", signature)
        .POST(HttpRequest.BodyPublishers.ofString(job.body()))
        .build();
  }

  static String errorCode(Throwable failure) {
    Throwable cause =
        failure instanceof CompletionException && failure.getCause() != null
            ? failure.getCause()
            : failure;
    if (cause instanceof HttpConnectTimeoutException) {
      return "connect_timeout";
    }
    if (cause instanceof HttpTimeoutException) {
      return "timeout";
    }
    if (cause instanceof ConnectException) {
      return "connect_refused";
    }
    return "io_error: " + cause.getClass().getSimpleName();
  }
}
