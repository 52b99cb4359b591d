package io.tandem.mirror.verify;

import io.tandem.mirror.protocol.MirrorResponse.ListedEntry;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Compares a volume on two sides, directory by directory: names, types, lengths, permissions and (when both sides
 * list them) COMPOSITE_CRC checksums, so copies with different block sizes compare equal when their bytes are.
 * Tandem's reserved directory is never compared.
 */
public final class TreeComparison {
  private final TreeSide source;
  private final TreeSide target;
  private long filesCompared;
  private long bytesCompared;

  public TreeComparison(TreeSide source, TreeSide target) {
    this.source = source;
    this.target = target;
  }

  /** Every difference, one line each with its relative path; empty when the two sides are identical. */
  public List<String> differences() throws IOException {
    List<String> out = new ArrayList<>();
    List<ListedEntry> s = source.list("");
    List<ListedEntry> t = target.list("");
    if (s == null || t == null) {
      if (s != t) {
        out.add((s == null ? "source " + source.describe() : "target " + target.describe()) + " does not exist");
      }
      return out;
    }
    compareDirectory("", s, t, out);
    return out;
  }

  public long filesCompared() {
    return filesCompared;
  }

  public long bytesCompared() {
    return bytesCompared;
  }

  private void compareDirectory(String rel, List<ListedEntry> sourceEntries, List<ListedEntry> targetEntries,
      List<String> out) throws IOException {
    Map<String, ListedEntry[]> pairs = new TreeMap<>();
    for (ListedEntry e : sourceEntries) {
      pairs.computeIfAbsent(e.name, k -> new ListedEntry[2])[0] = e;
    }
    for (ListedEntry e : targetEntries) {
      pairs.computeIfAbsent(e.name, k -> new ListedEntry[2])[1] = e;
    }
    for (Map.Entry<String, ListedEntry[]> p : pairs.entrySet()) {
      String path = rel.isEmpty() ? p.getKey() : rel + "/" + p.getKey();
      ListedEntry s = p.getValue()[0];
      ListedEntry t = p.getValue()[1];
      if (s == null || t == null) {
        out.add((s == null ? "extra on target: " : "missing on target: ") + path + (s != null && s.directory ? "/" : ""));
        continue;
      }
      if (s.directory != t.directory) {
        out.add("type differs: " + path + " is a " + kind(s) + " on the source and a " + kind(t) + " on the target");
        continue;
      }
      if (s.permission != null && t.permission != null && !s.permission.equals(t.permission)) {
        out.add(String.format("permission differs: %s %o vs %o", path, s.permission, t.permission));
      }
      if (s.directory) {
        List<ListedEntry> sc = source.list(path);
        List<ListedEntry> tc = target.list(path);
        compareDirectory(path, sc == null ? List.of() : sc, tc == null ? List.of() : tc, out);
        continue;
      }
      filesCompared++;
      bytesCompared += s.length;
      if (s.length != t.length) {
        out.add("length differs: " + path + " " + s.length + " vs " + t.length);
      } else if (s.checksum != null && t.checksum != null && !s.checksum.equals(t.checksum)) {
        out.add("content differs: " + path + " (checksum " + s.checksum + " vs " + t.checksum + ")");
      }
    }
  }

  private static String kind(ListedEntry e) {
    return e.directory ? "directory" : "file";
  }
}
