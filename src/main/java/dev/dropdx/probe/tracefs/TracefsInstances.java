package dev.dropdx.probe.tracefs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.springframework.stereotype.Component;

/**
 * Creates dropdx's private tracefs instances and makes sure none outlives its process: removed on
 * close, on Ctrl-C and SIGTERM (shutdown hook), and, after a SIGKILL, by the next run.
 */
@Component
public class TracefsInstances {
  private static final Pattern OURS = Pattern.compile("dropdx-(\\d+)-\\d+");
  private final Set<TracefsInstance> open = ConcurrentHashMap.newKeySet();
  private final AtomicInteger sequence = new AtomicInteger();
  /**
   * Set once shutdown began: a watch whose backend was stopped by the shutdown must not fall
   * through to another backend that creates a fresh instance after the clean-up ran.
   */
  private volatile boolean closing;

  public TracefsInstances() {
    Runtime.getRuntime().addShutdownHook(new Thread(this::closeAll, "dropdx-tracefs-cleanup"));
  }

  /** Creates a new instance under the tracefs mount, after removing stale ones of dead runs. */
  public TracefsInstance create(Path tracefs) {
    refuseWhenClosing();
    removeStale(tracefs);
    Path dir = tracefs.resolve("instances").resolve("dropdx-" + ProcessHandle.current().pid() + "-" + sequence.incrementAndGet());
    try {
      Files.createDirectory(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create tracefs instance " + dir + ": " + e.getMessage(), e);
    }
    TracefsInstance[] self = new TracefsInstance[1];
    self[0] = new TracefsInstance(dir, () -> {
      open.remove(self[0]);
      quietly(() -> self[0].write("events/skb/kfree_skb/enable", "0"));
      quietly(() -> self[0].write("events/skb/kfree_skb/trigger", "!stacktrace"));
      removeDir(dir);
    });
    open.add(self[0]);
    if (closing) {
      // Shutdown started while this one was being made: remove it here, closeAll may have missed it.
      self[0].close();
      refuseWhenClosing();
    }
    return self[0];
  }

  /** Removes instances named after a process that no longer runs (left by a SIGKILL). */
  public int removeStale(Path tracefs) {
    Path instances = tracefs.resolve("instances");
    if (!Files.isDirectory(instances)) {
      return 0;
    }
    int removed = 0;
    try (Stream<Path> dirs = Files.list(instances)) {
      for (Path dir : dirs.toList()) {
        Matcher m = OURS.matcher(dir.getFileName().toString());
        if (m.matches() && ProcessHandle.of(Long.parseLong(m.group(1))).isEmpty()) {
          removeDir(dir);
          removed++;
        }
      }
    } catch (IOException e) {
      return removed;
    }
    return removed;
  }

  /** How many instances this process has open. */
  public int openCount() {
    return open.size();
  }

  private void refuseWhenClosing() {
    if (closing) {
      throw new IllegalStateException("dropdx is stopping: no new tracefs instance");
    }
  }

  private void closeAll() {
    closing = true;
    for (TracefsInstance i : Set.copyOf(open)) {
      i.close();
    }
  }

  private static void removeDir(Path dir) {
    // rmdir fails with EBUSY while a reader still holds trace_pipe; retry briefly.
    for (int attempt = 0; attempt < 20; attempt++) {
      try {
        Files.deleteIfExists(dir);
        return;
      } catch (IOException e) {
        try {
          Thread.sleep(50);
        } catch (InterruptedException ie) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
  }

  private static void quietly(Runnable r) {
    try {
      r.run();
    } catch (RuntimeException ignored) {
      // best effort while tearing down: the instance is removed next anyway
    }
  }
}
