package io.pgsignal.system.support;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * N copies of a task (writers, clients), all running at once, each on a thread of its own: the
 * common pool behind {@code CompletableFuture.runAsync} runs only as many at a time as it has
 * threads (cores − 1), so "8 writers" would be fewer on a larger host.
 */
public final class Concurrently implements AutoCloseable {

  /** One copy of the work; {@code index} runs from 0 to n − 1. */
  public interface Task {
    void run(int index) throws Exception;
  }

  private final ExecutorService threads;
  private final List<Future<?>> tasks = new ArrayList<>();

  private Concurrently(int n, Task task) {
    threads = Executors.newFixedThreadPool(n);
    for (int i = 0; i < n; i++) {
      int index = i;
      tasks.add(
          threads.submit(
              () -> {
                task.run(index);
                return null;
              }));
    }
  }

  public static Concurrently start(int n, Task task) {
    return new Concurrently(n, task);
  }

  /** True while any copy is still running. */
  public boolean running() {
    return tasks.stream().anyMatch(f -> !f.isDone());
  }

  /** Waits for every copy; the first failure is thrown (wrapped in an ExecutionException). */
  public void join() throws Exception {
    for (Future<?> f : tasks) {
      f.get();
    }
  }

  /** Stops what still runs (a failed test does not leave writers behind). */
  @Override
  public void close() {
    threads.shutdownNow();
  }
}
