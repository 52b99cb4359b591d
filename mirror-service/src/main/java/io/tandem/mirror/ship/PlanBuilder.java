package io.tandem.mirror.ship;

import io.tandem.mirror.protocol.VolumePaths;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import org.apache.hadoop.hdfs.DFSUtilClient;
import org.apache.hadoop.hdfs.protocol.SnapshotDiffReport;
import org.apache.hadoop.hdfs.protocol.SnapshotDiffReport.DiffReportEntry;
import org.apache.hadoop.hdfs.protocol.SnapshotDiffReport.DiffType;

/**
 * Turns two snapshots into the steps that bring a peer holding the first to the second, in the order DistCp's
 * snapshot-diff sync found safe: every rename source and every deleted path is first moved aside into a stash,
 * deepest first (so children move before their parents, while every path still has its old name); then renames are
 * completed by moving each stashed source to its target, shallowest target first (parents exist before children);
 * the stash is then dropped (the deletes); last, created and modified paths are copied, with their names translated
 * through the renames of their parents (the diff names them as they were in the older snapshot).
 */
public final class PlanBuilder {
  /** The content of a volume's snapshots, as the planner needs it. */
  public interface SnapshotTree {
    /** The node at {@code rel} in snapshot {@code snapshot}, or null when there is none. */
    Node node(String snapshot, String rel) throws IOException;

    /** Names of the children of directory {@code rel} in snapshot {@code snapshot}. */
    List<String> children(String snapshot, String rel) throws IOException;
  }

  /** A file or directory of a snapshot. */
  public static final class Node {
    final boolean directory;
    final long length;

    public Node(boolean directory, long length) {
      this.directory = directory;
      this.length = length;
    }
  }

  private final SnapshotTree tree;

  public PlanBuilder(SnapshotTree tree) {
    this.tree = tree;
  }

  /** The steps of a first ship: the whole snapshot, directories before what they hold. */
  public List<ShipStep> full(String to) throws IOException {
    List<ShipStep> steps = new ArrayList<>();
    expand(to, "", Set.of(), steps);
    return steps;
  }

  /** The steps that copy the subtree at {@code rel} of snapshot {@code to} whole. */
  public List<ShipStep> subtree(String to, String rel) throws IOException {
    List<ShipStep> steps = new ArrayList<>();
    expand(to, rel, Set.of(), steps);
    return steps;
  }

  /** The steps that turn snapshot {@code from} into {@code to}, given the diff between them. */
  public List<ShipStep> diff(SnapshotDiffReport report, String from, String to) throws IOException {
    List<String[]> renames = new ArrayList<>();
    List<String> deletes = new ArrayList<>();
    TreeMap<String, DiffType> createdOrModified = new TreeMap<>();
    List<String[]> changed = new ArrayList<>();
    for (DiffReportEntry e : report.getDiffList()) {
      String source = DFSUtilClient.bytes2String(e.getSourcePath());
      if (source.isEmpty() || reserved(source)) {
        continue; // the root's own entry: its children have entries of their own
      }
      switch (e.getType()) {
        case RENAME:
          String target = DFSUtilClient.bytes2String(e.getTargetPath());
          if (reserved(target)) {
            deletes.add(source);
          } else {
            renames.add(new String[] {source, target});
          }
          break;
        case DELETE:
          deletes.add(source);
          break;
        default:
          changed.add(new String[] {source, e.getType().name()});
      }
    }
    List<ShipStep> steps = new ArrayList<>();
    List<String> aside = new ArrayList<>(deletes);
    renames.forEach(r -> aside.add(r[0]));
    aside.sort(Comparator.reverseOrder()); // "a/b" sorts after "a": children first
    List<String> stashOrder = new ArrayList<>(new LinkedHashSet<>(aside));
    for (int i = 0; i < stashOrder.size(); i++) {
      steps.add(ShipStep.stash(stashOrder.get(i), i));
    }
    List<String[]> byTarget = new ArrayList<>(renames);
    byTarget.sort(Comparator.comparing(r -> r[1]));
    Set<String> renameTargets = new LinkedHashSet<>();
    for (String[] r : byTarget) {
      steps.add(ShipStep.unstash(stashOrder.indexOf(r[0]), r[1]));
      renameTargets.add(r[1]);
    }
    if (!stashOrder.isEmpty()) {
      steps.add(ShipStep.clearStash());
    }
    List<String[]> longestSourceFirst = new ArrayList<>(renames);
    longestSourceFirst.sort(Comparator.comparing((String[] r) -> r[0].length()).reversed());
    TreeMap<String, String> originalName = new TreeMap<>();
    for (String[] c : changed) {
      DiffType type = DiffType.valueOf(c[1]);
      String now = translate(c[0], type, longestSourceFirst);
      if (reserved(now)) {
        continue;
      }
      createdOrModified.merge(now, type, (a, b) -> a == DiffType.CREATE || b == DiffType.CREATE ? DiffType.CREATE : a);
      originalName.putIfAbsent(now, c[0]);
    }
    Set<String> covered = new LinkedHashSet<>();
    for (var e : createdOrModified.entrySet()) {
      String path = e.getKey();
      if (covered.contains(path)) {
        continue;
      }
      Node node = tree.node(to, path);
      if (node == null) {
        continue; // gone again by the newer snapshot: its parent's entries say so
      }
      if (node.directory) {
        if (e.getValue() == DiffType.CREATE) {
          expand(to, path, renameTargets, steps);
          covered.add(path);
        } else {
          steps.add(ShipStep.directory(path));
        }
      } else if (e.getValue() == DiffType.CREATE) {
        steps.add(ShipStep.file(path, false, node.length));
      } else {
        Node before = tree.node(from, originalName.get(path));
        long estimate = before != null && !before.directory && before.length <= node.length
            ? node.length - before.length : node.length;
        steps.add(ShipStep.file(path, true, estimate));
      }
    }
    return dropCovered(steps, covered);
  }

  /**
   * The steps that bring a peer left mid-way between {@code from} and {@code to} by another source (whose plan is
   * not known here) to {@code to}: every path the diff names is settled against what the peer holds instead of
   * replaying the diff, since a rename or a delete repeated over a half-applied one could misplace what it moves.
   * Paths {@code to} lacks are removed; the parents of named paths are pruned (what the snapshot lacks goes); named
   * directories are reconciled whole (pruned, then each file compared) and named files copied only where they
   * differ (appended bytes when the peer holds a prefix). What arrived already is not sent again; a rename the
   * other source had not applied is sent as a copy.
   */
  public List<ShipStep> takeover(SnapshotDiffReport report, String to) throws IOException {
    List<String[]> renames = new ArrayList<>();
    List<String[]> named = new ArrayList<>();
    for (DiffReportEntry e : report.getDiffList()) {
      String source = DFSUtilClient.bytes2String(e.getSourcePath());
      if (source.isEmpty() || reserved(source)) {
        continue;
      }
      if (e.getType() == DiffType.RENAME) {
        renames.add(new String[] {source, DFSUtilClient.bytes2String(e.getTargetPath())});
      }
      named.add(new String[] {source, e.getType().name()});
    }
    renames.sort(Comparator.comparing((String[] r) -> r[0].length()).reversed());
    Set<String> settle = new java.util.TreeSet<>(); // sorted: a directory before what it holds
    for (String[] n : named) {
      DiffType type = DiffType.valueOf(n[1]);
      boolean now = type == DiffType.CREATE || type == DiffType.MODIFY;
      settle.add(now ? translate(n[0], type, renames) : n[0]); // deletes and renames by their old names
    }
    renames.forEach(r -> settle.add(r[1]));
    List<ShipStep> removes = new ArrayList<>();
    Set<String> parents = new java.util.TreeSet<>();
    List<String> present = new ArrayList<>();
    for (String path : settle) {
      if (reserved(path)) {
        continue;
      }
      if (tree.node(to, path) == null) {
        removes.add(ShipStep.remove(path));
      } else {
        present.add(path);
      }
      String parent = path.lastIndexOf('/') < 0 ? "" : path.substring(0, path.lastIndexOf('/'));
      Node p = tree.node(to, parent);
      if (p != null && p.directory) {
        parents.add(parent);
      }
    }
    removes.sort(Comparator.comparing(ShipStep::path).reversed()); // deepest first
    List<ShipStep> steps = new ArrayList<>(removes);
    for (String parent : parents) {
      steps.add(ShipStep.prune(parent));
      steps.add(ShipStep.directory(parent));
    }
    Set<String> whole = new java.util.HashSet<>();
    for (String path : present) {
      if (!underAny(path, whole)) { // else reconciled with its directory
        reconcile(to, path, steps);
        whole.add(path);
      }
    }
    return dropRepeated(steps);
  }

  private static boolean underAny(String path, Set<String> directories) {
    for (int i = path.lastIndexOf('/'); i > 0; i = path.lastIndexOf('/', i - 1)) {
      if (directories.contains(path.substring(0, i))) {
        return true;
      }
    }
    return false;
  }

  /** The steps that settle the whole snapshot against what a first ship left mid-way by another source delivered. */
  public List<ShipStep> settled(String to) throws IOException {
    List<ShipStep> steps = new ArrayList<>();
    reconcile(to, "", steps);
    return steps;
  }

  /** A directory pruned, then reconciled child by child; a file compared and copied where it differs. */
  private void reconcile(String snapshot, String rel, List<ShipStep> steps) throws IOException {
    expand(snapshot, rel, Set.of(), true, steps);
  }

  /** Each step once, at its first place. */
  private static List<ShipStep> dropRepeated(List<ShipStep> steps) {
    return new ArrayList<>(new LinkedHashSet<>(steps));
  }

  /** Steps for the subtree at {@code rel}: the directory, then what it holds, leaving out completed renames. */
  private void expand(String snapshot, String rel, Set<String> renameTargets, List<ShipStep> steps) throws IOException {
    expand(snapshot, rel, renameTargets, false, steps);
  }

  /**
   * @param settle against a peer left mid-way: each directory is pruned first, each file compared (it may be there
   *     already, or a prefix of it)
   */
  private void expand(String snapshot, String rel, Set<String> renameTargets, boolean settle, List<ShipStep> steps)
      throws IOException {
    Node node = tree.node(snapshot, rel);
    if (node == null) {
      return;
    }
    if (!node.directory) {
      steps.add(ShipStep.file(rel, settle, node.length));
      return;
    }
    if (settle) {
      steps.add(ShipStep.prune(rel));
    }
    steps.add(ShipStep.directory(rel));
    List<String> names = new ArrayList<>(tree.children(snapshot, rel));
    names.sort(null);
    for (String name : names) {
      if (rel.isEmpty() && name.equals(VolumePaths.RESERVED)) {
        continue;
      }
      String child = rel.isEmpty() ? name : rel + "/" + name;
      if (renameTargets.contains(child)) {
        continue; // arrived by its rename; changes under it have entries of their own
      }
      expand(snapshot, child, renameTargets, settle, steps);
    }
  }

  /** Later steps inside a created directory that was expanded whole are already in its expansion. */
  private static List<ShipStep> dropCovered(List<ShipStep> steps, Set<String> covered) {
    if (covered.isEmpty()) {
      return steps;
    }
    List<ShipStep> out = new ArrayList<>();
    Set<String> seen = new LinkedHashSet<>();
    for (ShipStep s : steps) {
      boolean copy = s.kind() == ShipStep.Kind.FILE || s.kind() == ShipStep.Kind.DIRECTORY;
      if (copy && !seen.add(s.kind() + " " + s.path())) {
        continue;
      }
      out.add(s);
    }
    return out;
  }

  /**
   * The path now of a path the diff names as it was in the older snapshot: under a renamed directory it moved with
   * it; a modified path that was itself renamed is at the rename's target. A created path that happens to equal a
   * rename's source is a new file at the old name, not the renamed one.
   */
  static String translate(String path, DiffType type, List<String[]> longestSourceFirst) {
    for (String[] r : longestSourceFirst) {
      if (path.equals(r[0])) {
        if (type == DiffType.MODIFY) {
          return r[1];
        }
      } else if (path.startsWith(r[0] + "/")) {
        return r[1] + path.substring(r[0].length());
      }
    }
    return path;
  }

  private static boolean reserved(String rel) {
    return VolumePaths.isTandemOwn(rel);
  }
}
