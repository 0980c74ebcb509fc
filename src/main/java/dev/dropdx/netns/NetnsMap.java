package dev.dropdx.netns;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every network namespace seen on the host at one moment, by inode. Written into the drop watch's
 * recorded output as text (one namespace a line) so a replay attributes drops exactly as the live
 * run did.
 *
 * @param namespaces the namespaces, one per inode
 */
public record NetnsMap(List<NetnsInfo> namespaces) {

  public NetnsMap {
    namespaces = List.copyOf(namespaces);
  }

  /** The namespace with this inode. */
  public Optional<NetnsInfo> byInode(long inode) {
    return namespaces.stream().filter(n -> n.inode() == inode).findFirst();
  }

  /** The namespace with this id ("" = dropdx's own, a name, or pid:N). */
  public Optional<NetnsInfo> byId(String id) {
    return namespaces.stream().filter(n -> n.id().equals(id == null ? "" : id)).findFirst();
  }

  /** This map with the namespaces of {@code later} it lacks (a namespace created during the watch). */
  public NetnsMap merge(NetnsMap later) {
    Map<Long, NetnsInfo> all = new LinkedHashMap<>();
    namespaces.forEach(n -> all.put(n.inode(), n));
    later.namespaces.forEach(n -> all.putIfAbsent(n.inode(), n));
    return new NetnsMap(new ArrayList<>(all.values()));
  }

  /** One line per namespace: inode, own (1/0), pid, name, container id, command; tab-separated. */
  public String encode() {
    StringBuilder sb = new StringBuilder();
    for (NetnsInfo n : namespaces) {
      sb.append(n.inode()).append('\t').append(n.own() ? 1 : 0).append('\t').append(n.pid()).append('\t').append(n.name())
          .append('\t').append(n.containerId()).append('\t').append(clean(n.command())).append('\n');
    }
    return sb.toString();
  }

  /** Reads what {@link #encode} wrote; lines of another shape are skipped. */
  public static NetnsMap decode(String text) {
    List<NetnsInfo> list = new ArrayList<>();
    for (String line : text.split("\n")) {
      String[] f = line.split("\t", 6);
      if (f.length < 6) {
        continue;
      }
      try {
        list.add(new NetnsInfo(Long.parseLong(f[0]), f[3], f[1].equals("1"), Long.parseLong(f[2]), f[5], f[4]));
      } catch (NumberFormatException e) {
        // not a line of ours
      }
    }
    return new NetnsMap(list);
  }

  /** An empty map. */
  public static NetnsMap empty() {
    return new NetnsMap(List.of());
  }

  /** The namespaces, for callers that list them. */
  public Collection<NetnsInfo> all() {
    return namespaces;
  }

  // A command name is the kernel's comm (15 bytes) but may hold anything: tabs and newlines would break the lines.
  private static String clean(String s) {
    return s.replaceAll("[\\t\\n\\r]", " ");
  }
}
