package io.pgsignal.system.support;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A blocking HTTP/1.1 client on one kept-alive connection, for benchmarks: the calling thread
 * writes the request and reads the reply itself, as a JDBC connection does with its socket. The JDK
 * HttpClient completes each exchange through its selector thread and an executor, two hand-offs per
 * request that, on 2 shared cores, wait for a scheduler slot and would be charged to the API. One
 * instance per thread; GET, or POST without a body; Content-Length or chunked replies.
 */
public final class KeepAliveHttp implements AutoCloseable {

  /** Status, headers (names in lower case) and body of one reply. */
  public record Reply(int status, Map<String, String> headers, String body) {
    public String header(String name) {
      return headers.get(name.toLowerCase(Locale.ROOT));
    }
  }

  private final String host;
  private final int port;
  private Socket socket;
  private InputStream in;
  private OutputStream out;

  public KeepAliveHttp(URI base) {
    this.host = base.getHost();
    this.port = base.getPort();
  }

  /** GET {@code path} with the given request headers; reconnects once if the server had closed. */
  public Reply get(String path, Map<String, String> headers) {
    return send("GET", path, headers);
  }

  /** POST {@code path} without a body. */
  public Reply post(String path, Map<String, String> headers) {
    return send("POST", path, headers);
  }

  private Reply send(String method, String path, Map<String, String> headers) {
    boolean reused = socket != null;
    try {
      return exchange(method, path, headers);
    } catch (IOException e) {
      close();
      if (!reused) {
        throw new UncheckedIOException(e);
      }
      try {
        return exchange(method, path, headers);
      } catch (IOException again) {
        close();
        throw new UncheckedIOException(again);
      }
    }
  }

  private Reply exchange(String method, String path, Map<String, String> headers)
      throws IOException {
    if (socket == null) {
      socket = new Socket();
      socket.setTcpNoDelay(true);
      socket.setSoTimeout(60_000);
      socket.connect(new InetSocketAddress(host, port), 2_000);
      in = new BufferedInputStream(socket.getInputStream(), 65_536);
      out = socket.getOutputStream();
    }
    StringBuilder request =
        new StringBuilder(method).append(' ').append(path).append(" HTTP/1.1\r\nHost: ");
    request.append(host).append(':').append(port).append("\r\n");
    if (method.equals("POST")) {
      request.append("Content-Length: 0\r\n");
    }
    headers.forEach((k, v) -> request.append(k).append(": ").append(v).append("\r\n"));
    out.write(request.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII));
    out.flush();

    String statusLine = line();
    int status = Integer.parseInt(statusLine.split(" ", 3)[1]);
    Map<String, String> replyHeaders = new HashMap<>();
    for (String h = line(); !h.isEmpty(); h = line()) {
      int colon = h.indexOf(':');
      replyHeaders.put(
          h.substring(0, colon).trim().toLowerCase(Locale.ROOT), h.substring(colon + 1).trim());
    }
    String body = new String(body(status, replyHeaders), StandardCharsets.UTF_8);
    if ("close".equalsIgnoreCase(replyHeaders.get("connection"))) {
      close();
    }
    return new Reply(status, replyHeaders, body);
  }

  private byte[] body(int status, Map<String, String> headers) throws IOException {
    if (status == 304 || status == 204) {
      return new byte[0];
    }
    String length = headers.get("content-length");
    if (length != null) {
      return exactly(Integer.parseInt(length));
    }
    if (!"chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
      throw new IOException("reply " + status + " has neither Content-Length nor chunked encoding");
    }
    ByteArrayOutputStream chunks = new ByteArrayOutputStream();
    for (int size = Integer.parseInt(line().split(";")[0].trim(), 16);
        size > 0;
        size = Integer.parseInt(line().split(";")[0].trim(), 16)) {
      chunks.write(exactly(size));
      line(); // the CRLF after each chunk
    }
    for (String trailer = line(); !trailer.isEmpty(); trailer = line()) {
      // trailers are not used
    }
    return chunks.toByteArray();
  }

  private byte[] exactly(int n) throws IOException {
    byte[] bytes = in.readNBytes(n);
    if (bytes.length < n) {
      throw new IOException("connection closed after " + bytes.length + " of " + n + " bytes");
    }
    return bytes;
  }

  private String line() throws IOException {
    StringBuilder line = new StringBuilder();
    for (int c = in.read(); c != '\n'; c = in.read()) {
      if (c < 0) {
        throw new IOException("connection closed");
      }
      if (c != '\r') {
        line.append((char) c);
      }
    }
    return line.toString();
  }

  @Override
  public void close() {
    if (socket != null) {
      try {
        socket.close();
      } catch (IOException e) {
        // closing a socket we no longer use
      }
      socket = null;
    }
  }
}
