package dev.dropdx.probe.tracefs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * A private tracefs instance ({@code instances/dropdx-PID-N}): its own buffer and event switches,
 * so dropdx never touches the global tracing state. Closing it switches its events off and
 * removes it.
 */
public final class TracefsInstance implements AutoCloseable {
  private final Path dir;
  private final Runnable onClose;
  private boolean closed;

  TracefsInstance(Path dir, Runnable onClose) {
    this.dir = dir;
    this.onClose = onClose;
  }

  public Path dir() {
    return dir;
  }

  /** Writes a control file of this instance, e.g. events/skb/kfree_skb/enable. */
  public void write(String relative, String value) {
    try {
      Files.writeString(dir.resolve(relative), value + "\n");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + dir.resolve(relative) + ": " + e.getMessage(), e);
    }
  }

  /** Reads a file of this instance. */
  public String read(String relative) {
    try {
      return Files.readString(dir.resolve(relative));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + dir.resolve(relative) + ": " + e.getMessage(), e);
    }
  }

  /** Events the ring buffer overwrote before we read them, summed over CPUs. */
  public long overruns() {
    try (Stream<Path> cpus = Files.list(dir.resolve("per_cpu"))) {
      return cpus.mapToLong(cpu -> TraceOutputParser.overrun(readQuietly(cpu.resolve("stats")))).sum();
    } catch (IOException e) {
      return 0;
    }
  }

  private static String readQuietly(Path p) {
    try {
      return Files.readString(p);
    } catch (IOException e) {
      return "";
    }
  }

  /** Switches the events off and removes the instance; safe to call twice. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    onClose.run();
  }
}
