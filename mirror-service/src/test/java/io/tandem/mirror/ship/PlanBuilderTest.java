package io.tandem.mirror.ship;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.hadoop.hdfs.protocol.SnapshotDiffReport;
import org.apache.hadoop.hdfs.protocol.SnapshotDiffReport.DiffReportEntry;
import org.apache.hadoop.hdfs.protocol.SnapshotDiffReport.DiffType;
import org.junit.jupiter.api.Test;

/**
 * The order of a ship's steps, replayed on an in-memory peer: whatever the renames, deletes and creates, applying
 * the steps to the older snapshot's tree yields the newer one.
 */
class PlanBuilderTest {
  /** Two snapshots as path -> length (-1 for a directory). */
  private final Map<String, Map<String, Long>> snapshots = new HashMap<>();

  private final PlanBuilder.SnapshotTree tree = new PlanBuilder.SnapshotTree() {
    @Override
    public PlanBuilder.Node node(String snapshot, String rel) {
      Long len = rel.isEmpty() ? Long.valueOf(-1) : snapshots.get(snapshot).get(rel);
      return len == null ? null : new PlanBuilder.Node(len < 0, Math.max(0, len));
    }

    @Override
    public List<String> children(String snapshot, String rel) {
      String prefix = rel.isEmpty() ? "" : rel + "/";
      return snapshots.get(snapshot).keySet().stream()
          .filter(p -> p.startsWith(prefix) && p.indexOf('/', prefix.length()) < 0 && !p.equals(rel))
          .map(p -> p.substring(prefix.length())).collect(Collectors.toList());
    }
  };

  private static Map<String, Long> tree(Object... pathsAndLengths) {
    Map<String, Long> m = new TreeMap<>();
    for (int i = 0; i < pathsAndLengths.length; i += 2) {
      m.put((String) pathsAndLengths[i], ((Number) pathsAndLengths[i + 1]).longValue());
    }
    return m;
  }

  private static DiffReportEntry e(DiffType t, String source, String... target) {
    byte[] s = source.getBytes(StandardCharsets.UTF_8);
    return target.length == 0 ? new DiffReportEntry(t, s) : new DiffReportEntry(t, s, target[0].getBytes(StandardCharsets.UTF_8));
  }

  /** Applies the steps to a copy of {@code from} as the receiver would, reading new content from {@code to}. */
  private Map<String, Long> replay(List<ShipStep> steps, String from, String to) {
    Map<String, Long> peer = new TreeMap<>(snapshots.get(from));
    Map<Long, Map<String, Long>> stash = new HashMap<>();
    for (ShipStep s : steps) {
      switch (s.kind()) {
        case STASH:
          stash.put(s.stash(), take(peer, s.path()));
          break;
        case UNSTASH:
          stash.remove(s.stash()).forEach((rel, len) -> peer.put(rel.isEmpty() ? s.path() : s.path() + "/" + rel, len));
          break;
        case CLEAR_STASH:
          stash.clear();
          break;
        case DIRECTORY:
          peer.put(s.path(), -1L);
          break;
        default:
          peer.put(s.path(), snapshots.get(to).get(s.path()));
      }
    }
    peer.remove("");
    return peer;
  }

  private static Map<String, Long> take(Map<String, Long> peer, String path) {
    Map<String, Long> out = new TreeMap<>();
    for (String p : new ArrayList<>(peer.keySet())) {
      if (p.equals(path) || p.startsWith(path + "/")) {
        out.put(p.equals(path) ? "" : p.substring(path.length() + 1), peer.remove(p));
      }
    }
    assertTrue(!out.isEmpty(), "stashing " + path + ", which the peer does not hold: the order is wrong");
    return out;
  }

  @Test
  void renameChainsSwapsDirectoryRenamesDeletesAndRecreatesLandRight() throws Exception {
    SnapshotDiffReport report = renamesAndSwaps();
    List<ShipStep> steps = new PlanBuilder(tree).diff(report, "s1", "s2");
    assertEquals(snapshots.get("s2"), replay(steps, "s1", "s2"), steps.toString());
    ShipStep big = steps.stream().filter(s -> s.path().equals("big")).findFirst().orElseThrow();
    assertTrue(big.modified() && big.estimatedBytes() == 200, "an appended file is estimated at its new bytes: " + big);
    assertTrue(steps.stream().noneMatch(s -> s.kind() == ShipStep.Kind.FILE && s.path().equals("n/a")),
        "a file renamed into a new directory is moved, not copied: " + steps);
  }

  /**
   * Two snapshots and their diff as HDFS reports it: paths of the older snapshot, a -> b -> c as one rename, x and y
   * swapped, a directory renamed with changes inside, deletes, a delete and re-create, an append, a new directory.
   */
  private SnapshotDiffReport renamesAndSwaps() {
    snapshots.put("s1", tree("a", 10, "x", 20, "y", 30, "d1", -1, "d1/f", 40, "d1/g", 50, "gone", -1, "gone/deep", -1,
        "gone/deep/q", 60, "re", 70, "big", 1000, "keep", -1, "keep/k", 1));
    snapshots.put("s2", tree("x", 30, "y", 20, "d2", -1, "d2/f", 45, "d2/new", 5, "re", 80, "big", 1200,
        "n", -1, "n/a", 10, "n/b", 3, "keep", -1, "keep/k", 1));
    return new SnapshotDiffReport("/v", "s1", "s2", List.of(
        e(DiffType.MODIFY, ""),
        e(DiffType.RENAME, "a", "n/a"),
        e(DiffType.RENAME, "x", "y"),
        e(DiffType.RENAME, "y", "x"),
        e(DiffType.RENAME, "d1", "d2"),
        e(DiffType.MODIFY, "d1"),
        e(DiffType.CREATE, "d1/new"),
        e(DiffType.MODIFY, "d1/f"),
        e(DiffType.DELETE, "d1/g"),
        e(DiffType.DELETE, "gone"),
        e(DiffType.DELETE, "re"),
        e(DiffType.CREATE, "re"),
        e(DiffType.MODIFY, "big"),
        e(DiffType.CREATE, "n")));
  }

  /** Applies a takeover plan to {@code peer} as the receiver would, reading content from {@code to}. */
  private void settle(Map<String, Long> peer, List<ShipStep> steps, String to) {
    Map<String, Long> target = snapshots.get(to);
    for (ShipStep s : steps) {
      switch (s.kind()) {
        case REMOVE:
          removeTree(peer, s.path());
          break;
        case PRUNE: {
          String dir = s.path();
          if (peer.containsKey(dir) && peer.get(dir) >= 0) {
            peer.remove(dir); // a file where the snapshot has a directory
          }
          String prefix = dir.isEmpty() ? "" : dir + "/";
          for (String p : new ArrayList<>(peer.keySet())) {
            boolean child = p.startsWith(prefix) && p.length() > prefix.length() && p.indexOf('/', prefix.length()) < 0;
            if (child && peer.containsKey(p)) {
              Long want = target.get(p);
              if (want == null || (want < 0) != (peer.get(p) < 0)) {
                removeTree(peer, p);
              }
            }
          }
          break;
        }
        case DIRECTORY:
          peer.put(s.path(), -1L);
          break;
        case FILE:
          assertTrue(!peer.containsKey(s.path()) || peer.get(s.path()) >= 0, "copying over a directory: " + s);
          peer.put(s.path(), target.get(s.path()));
          break;
        default:
          throw new AssertionError("a takeover does not " + s);
      }
    }
    peer.remove("");
  }

  private static void removeTree(Map<String, Long> peer, String path) {
    peer.keySet().removeIf(p -> p.equals(path) || p.startsWith(path + "/"));
  }

  @Test
  void aTakeoverSettlesAPeerLeftAfterAnyStepOfAnotherPlan() throws Exception {
    SnapshotDiffReport report = renamesAndSwaps();
    PlanBuilder builder = new PlanBuilder(tree);
    List<ShipStep> first = builder.diff(report, "s1", "s2");
    List<ShipStep> takeover = builder.takeover(report, "s2");
    for (int done = 0; done <= first.size(); done++) {
      Map<String, Long> peer = replay(first.subList(0, done), "s1", "s2");
      settle(peer, takeover, "s2");
      assertEquals(snapshots.get("s2"), peer, "after " + done + " step(s) of " + first + " then " + takeover);
    }
    assertTrue(takeover.stream().noneMatch(s -> s.path().startsWith("keep")), "unnamed paths are left alone: "
        + takeover);
  }

  /**
   * Applies steps to {@code peer} as the receiver does, which may have applied some of them already (a resumed ship
   * repeats its last portion): a STASH of a path that is not there does nothing, otherwise it takes the path into
   * its slot whatever the slot held; an UNSTASH of an empty slot does nothing when its target is there and has the
   * target copied from the snapshot when it is not (NEED_SYNC); a FILE is checked against the peer and recopied.
   */
  private void applyAsReceiver(Map<String, Long> peer, Map<Long, Map<String, Long>> stash, List<ShipStep> steps,
      String to) {
    Map<String, Long> target = snapshots.get(to);
    for (ShipStep s : steps) {
      switch (s.kind()) {
        case STASH:
          if (peer.containsKey(s.path())) {
            stash.put(s.stash(), take(peer, s.path()));
          }
          break;
        case UNSTASH: {
          Map<String, Long> slot = stash.remove(s.stash());
          if (slot != null) {
            removeTree(peer, s.path());
            slot.forEach((rel, len) -> peer.put(rel.isEmpty() ? s.path() : s.path() + "/" + rel, len));
          } else if (!peer.containsKey(s.path())) {
            target.forEach((p, len) -> {
              if (p.equals(s.path()) || p.startsWith(s.path() + "/")) {
                peer.put(p, len);
              }
            });
          }
          break;
        }
        case CLEAR_STASH:
          stash.clear();
          break;
        case DIRECTORY:
          peer.put(s.path(), -1L);
          break;
        default:
          peer.put(s.path(), target.get(s.path()));
      }
    }
  }

  /**
   * A ship cut after any step and resumed repeats the portion under way (and the one before it when the record of
   * its end was lost with the cut), whatever the portion size: the repeated steps must not undo what later steps of
   * that portion did, e.g. stash again a path that a swap had already refilled.
   */
  @Test
  void aShipResumedAfterAnyStepLandsRightWhateverThePortionSize() throws Exception {
    SnapshotDiffReport report = renamesAndSwaps();
    List<ShipStep> steps = new PlanBuilder(tree).diff(report, "s1", "s2");
    for (int maxSteps : new int[] {1, 2, 3, 5, 8, 256}) {
      ShipPlan plan = new ShipPlan(steps, maxSteps, 1L << 30);
      for (int applied = 1; applied <= steps.size(); applied++) {
        int underWay = applied < steps.size() ? plan.portionOf(applied) : plan.portions();
        for (int start : new int[] {underWay, plan.portionOf(applied - 1)}) {
          Map<String, Long> peer = new TreeMap<>(snapshots.get("s1"));
          Map<Long, Map<String, Long>> stash = new HashMap<>();
          applyAsReceiver(peer, stash, steps.subList(0, applied), "s2");
          int from = start < plan.portions() ? plan.firstStep(start) : steps.size();
          applyAsReceiver(peer, stash, steps.subList(from, steps.size()), "s2");
          peer.remove("");
          assertEquals(snapshots.get("s2"), peer, "portions of " + maxSteps + " step(s), cut after " + applied
              + " of " + steps + ", resumed from portion " + start + " (step " + from + ")");
        }
      }
    }
  }

  @Test
  void theStashesOfAPlanEndAPortionOfTheirOwn() {
    List<ShipStep> steps = List.of(ShipStep.stash("b", 0), ShipStep.stash("a", 1), ShipStep.unstash(0, "a"),
        ShipStep.unstash(1, "b"), ShipStep.clearStash(), ShipStep.file("new", false, 10));
    ShipPlan plan = new ShipPlan(steps, 256, 1 << 20);
    assertEquals(2, plan.portions());
    assertEquals(steps.subList(0, 2), plan.portion(0), "nothing that refills a path shares a portion with a stash");
    assertEquals(steps.subList(2, 6), plan.portion(1));
    assertEquals(3, new ShipPlan(steps, 3, 1 << 20).portions(), "and the other bounds still apply");
  }

  @Test
  void portionsCloseOnStepsOrBytes() {
    List<ShipStep> steps = List.of(ShipStep.directory(""), ShipStep.file("a", false, 600), ShipStep.file("b", false, 600),
        ShipStep.file("c", false, 10), ShipStep.file("d", false, 10), ShipStep.file("e", false, 10));
    ShipPlan plan = new ShipPlan(steps, 4, 1000);
    assertEquals(2, plan.portions());
    assertEquals(List.of(steps.get(0), steps.get(1), steps.get(2)), plan.portion(0), "closed by bytes");
    assertEquals(List.of(steps.get(3), steps.get(4), steps.get(5)), plan.portion(1));
    assertEquals(3, new ShipPlan(steps, 2, 1 << 20).portions(), "closed by steps");
    assertEquals(5, plan.files());
    assertEquals(1230, plan.bytes());
    assertEquals(2, plan.doneAfter(1)[0]);
    assertEquals(0, plan.portionOf(2));
    assertEquals(1, plan.portionOf(3));
    assertEquals(2, plan.lastStep(0));
    assertEquals(5, plan.lastStep(1));
    assertEquals(0, new ShipPlan(List.of(), 4, 1000).portions(), "a snapshot with no changes has nothing to send");
  }
}
