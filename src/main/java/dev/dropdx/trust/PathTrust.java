package dev.dropdx.trust;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.stream.Stream;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * sshd's StrictModes for dropdx: a rules file, knowledge-base file, collect plan or data directory
 * is trusted only when it, everything beneath it and every directory above it is owned by root or
 * the invoking user ({@code SUDO_UID} when running as root through sudo) and is not writable by
 * group or others. A directory above it that others may write is accepted only when sticky (like
 * {@code /tmp}): there nobody can rename or replace an entry they do not own, so a safe entry
 * stays safe.
 */
@Component
public class PathTrust {
  private static final int GROUP_OR_OTHER_WRITE = 0022;
  private static final int STICKY = 01000;
  private final int runningUid;
  private final Set<Integer> trustedOwners;

  /** The trust of this process: its user, root, and the sudo caller when running as root. */
  @Autowired
  public PathTrust() {
    this(processUid(), sudoUid(System.getenv("SUDO_UID")));
  }

  /**
   * @param runningUid the user dropdx runs as
   * @param sudoUid the user who invoked sudo; trusted only when running as root (sudo sets it)
   */
  public PathTrust(int runningUid, OptionalInt sudoUid) {
    this.runningUid = runningUid;
    Set<Integer> owners = new HashSet<>(List.of(0, runningUid));
    if (runningUid == 0 && sudoUid.isPresent()) {
      owners.add(sudoUid.getAsInt());
    }
    this.trustedOwners = Set.copyOf(owners);
  }

  /** The user dropdx runs as. */
  public int runningUid() {
    return runningUid;
  }

  /**
   * Refuses (with {@link UntrustedPathException}) when the path, anything beneath it or any
   * directory above it could be changed by a stranger. A path that does not exist yet is judged
   * by the directories above it (its creator then checks it again).
   *
   * @param what the path's role in words, e.g. "rules directory"
   */
  public void requireTrusted(Path path, String what) {
    require(path, what, true);
  }

  /**
   * As {@link #requireTrusted} for the directory itself and every directory above it, without
   * judging its contents (a data directory: dropdx writes its files and judges each one it reads).
   */
  public void requireTrustedDirectory(Path dir, String what) {
    require(dir, what, false);
  }

  private void require(Path path, String what, boolean beneath) {
    if (!unixAttributesAvailable(path)) {
      return; // not a POSIX host (a developer's Windows checkout): nothing to enforce
    }
    Path absolute = path.toAbsolutePath().normalize();
    if (!Files.exists(absolute, LinkOption.NOFOLLOW_LINKS)) {
      Path existing = absolute.getParent();
      while (existing != null && !Files.exists(existing)) {
        existing = existing.getParent();
      }
      if (existing != null) {
        checkTree(existing, what, new HashSet<>(), false);
      }
      return;
    }
    checkTree(absolute, what, new HashSet<>(), beneath);
  }

  /**
   * Refuses a file dropdx will deserialize unless it is owned by the running user itself and
   * writable by nobody else (a cache entry: only this user's own earlier runs wrote it).
   */
  public void requireOwnPrivateFile(Path file, String what) {
    if (!unixAttributesAvailable(file) || !Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    Stat s = stat(file);
    if (s.uid != runningUid || (s.mode & GROUP_OR_OTHER_WRITE) != 0 || Files.isSymbolicLink(file)) {
      throw new UntrustedPathException(file, "untrusted " + what + " " + file + ": owned by " + s.ownerName() + " (uid " + s.uid
          + "), mode " + octal(s.mode) + "; dropdx reads back only its own cache entries (owner uid " + runningUid
          + ", not writable by others). Fix: rm '" + file + "' (a cache entry is always safe to delete; it is compiled again)");
    }
  }

  private void checkTree(Path path, String what, Set<Path> seen, boolean beneath) {
    Path real;
    try {
      real = path.toRealPath();
    } catch (NoSuchFileException e) {
      return; // a dangling link: the loader reports it, nothing is read through it
    } catch (IOException e) {
      throw new UncheckedIOException("cannot resolve " + path, e);
    }
    if (!seen.add(real)) {
      return;
    }
    for (Path above = real.getParent(); above != null; above = above.getParent()) {
      check(above, what, true, path);
    }
    check(real, what, false, path);
    if (beneath && Files.isDirectory(real)) {
      List<Path> entries;
      try (Stream<Path> walk = Files.walk(real)) {
        entries = walk.skip(1).toList();
      } catch (IOException e) {
        throw new UncheckedIOException("cannot list " + real, e);
      }
      for (Path entry : entries) {
        if (Files.isSymbolicLink(entry)) {
          checkTree(entry, what, seen, true); // the link's target and the directories above it
        } else {
          check(entry, what, false, path);
        }
      }
    }
  }

  private void check(Path p, String what, boolean above, Path asked) {
    Stat s = stat(p);
    boolean ownerOk = trustedOwners.contains(s.uid);
    boolean writable = (s.mode & GROUP_OR_OTHER_WRITE) != 0;
    boolean stickyAbove = above && (s.mode & STICKY) != 0;
    if (ownerOk && (!writable || stickyAbove)) {
      return;
    }
    StringBuilder fix = new StringBuilder();
    if (!ownerOk) {
      fix.append("chown ").append(runningUid == 0 ? "root" : String.valueOf(runningUid)).append(" '").append(p).append("'");
    }
    if (writable && !stickyAbove) {
      fix.append(fix.isEmpty() ? "" : " && ").append("chmod go-w '").append(p).append("'");
    }
    String where = p.equals(asked.toAbsolutePath().normalize()) ? "" : " (" + (above ? "a directory above " : "inside or linked from ") + asked + ")";
    throw new UntrustedPathException(p, "untrusted " + what + " " + p + where + ": owned by " + s.ownerName() + " (uid " + s.uid
        + "), mode " + octal(s.mode) + (writable ? " (writable by " + writers(s.mode) + ")" : "")
        + "; dropdx runs rules and knowledge as root, so it loads them only from paths that only root"
        + (trustedOwners.size() > 1 ? " or uid " + trustedOwners.stream().filter(u -> u != 0).map(String::valueOf).sorted().toList() : "")
        + " can change. Fix: " + fix);
  }

  private static String writers(int mode) {
    boolean group = (mode & 0020) != 0;
    boolean other = (mode & 0002) != 0;
    return group && other ? "group and others" : group ? "group" : "others";
  }

  private static String octal(int mode) {
    return String.format("%04o", mode & 07777);
  }

  /** Owner and mode of a path (not followed); the owner's name is looked up only for a refusal's message. */
  private record Stat(Path path, int uid, int mode) {
    String ownerName() {
      try {
        return Files.getOwner(path, LinkOption.NOFOLLOW_LINKS).getName();
      } catch (IOException | UnsupportedOperationException e) {
        return String.valueOf(uid);
      }
    }
  }

  private static Stat stat(Path p) {
    try {
      Map<String, Object> a = Files.readAttributes(p, "unix:uid,mode", LinkOption.NOFOLLOW_LINKS);
      return new Stat(p, (Integer) a.get("uid"), (Integer) a.get("mode"));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the owner and mode of " + p, e);
    }
  }

  private static boolean unixAttributesAvailable(Path p) {
    return p.getFileSystem().supportedFileAttributeViews().contains("unix");
  }

  private static int processUid() {
    try {
      // /proc/self belongs to the process's effective user.
      return (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
    } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
      return 0;
    }
  }

  static OptionalInt sudoUid(String value) {
    if (value == null || !value.strip().matches("\\d{1,10}")) {
      return OptionalInt.empty();
    }
    try {
      return OptionalInt.of(Integer.parseInt(value.strip()));
    } catch (NumberFormatException e) {
      return OptionalInt.empty();
    }
  }
}
