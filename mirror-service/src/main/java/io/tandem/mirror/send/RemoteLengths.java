package io.tandem.mirror.send;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the sender last learned of the peer's file lengths, so an append ships only the new bytes without asking
 * first. Bounded (least recently used out); a miss costs one LIST round trip. A length is <em>trusted</em> when it
 * comes from this session's own acknowledged writes: the peer's bytes are then known to be ours, and an append
 * needs no prefix check. A length read by LIST must be checked.
 */
final class RemoteLengths {
  private static final int MAX = 20_000;

  private final java.util.Set<String> trusted = new java.util.HashSet<>();
  private final Map<String, Long> lengths = new LinkedHashMap<String, Long>(1024, 0.75f, true) {
    private static final long serialVersionUID = 1L;

    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
      if (size() > MAX) {
        trusted.remove(eldest.getKey());
        return true;
      }
      return false;
    }
  };

  Long get(String path) {
    return lengths.get(path);
  }

  /** A length this session's own acknowledged write left on the peer. */
  void put(String path, long length) {
    lengths.put(path, length);
    trusted.add(path);
  }

  /** A length the peer reported (LIST): its content is not known to be ours. */
  void putListed(String path, long length) {
    lengths.put(path, length);
    trusted.remove(path);
  }

  boolean isTrusted(String path) {
    return trusted.contains(path) && lengths.containsKey(path);
  }

  void forget(String path) {
    lengths.remove(path);
    trusted.remove(path);
  }

  /** Forgets {@code path} and everything under it. */
  void forgetTree(String path) {
    String prefix = path.isEmpty() ? "" : path + "/";
    lengths.keySet().removeIf(p -> p.equals(path) || p.startsWith(prefix));
    trusted.removeIf(p -> p.equals(path) || p.startsWith(prefix));
  }

  /** Moves what is known under {@code src} to {@code dst}. */
  void rename(String src, String dst) {
    Map<String, Long> moved = new LinkedHashMap<>();
    java.util.Set<String> movedTrusted = new java.util.HashSet<>();
    String prefix = src + "/";
    lengths.entrySet().removeIf(e -> {
      String to = e.getKey().equals(src) ? dst
          : e.getKey().startsWith(prefix) ? dst + "/" + e.getKey().substring(prefix.length()) : null;
      if (to == null) {
        return false;
      }
      moved.put(to, e.getValue());
      if (trusted.remove(e.getKey())) {
        movedTrusted.add(to);
      }
      return true;
    });
    lengths.putAll(moved);
    trusted.addAll(movedTrusted);
  }

  void clear() {
    trusted.clear();
    lengths.clear();
  }
}
