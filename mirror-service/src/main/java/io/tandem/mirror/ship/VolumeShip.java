package io.tandem.mirror.ship;

import io.tandem.coord.record.ShipRecord;
import io.tandem.coord.record.ShipRecord.State;
import io.tandem.mirror.protocol.MirrorOp;
import io.tandem.mirror.protocol.MirrorRequest;
import io.tandem.mirror.protocol.MirrorResponse;
import io.tandem.mirror.protocol.MirrorResponse.ListedEntry;
import io.tandem.mirror.protocol.MirrorResponse.Status;
import io.tandem.mirror.protocol.VolumePaths;
import io.tandem.mirror.read.AttributeReader;
import io.tandem.mirror.send.LinkUnavailableException;
import io.tandem.mirror.send.RetryingSender;
import io.tandem.mirror.snapshot.SnapshotNames;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.hdfs.DistributedFileSystem;
import org.apache.hadoop.hdfs.protocol.SnapshotDiffReport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ships one snapshot of one volume to one destination (the peer, or a site further on). The base is the newest
 * Tandem snapshot older than the one shipped that the destination holds too (by name); without one the ship is a
 * full copy. Before anything is changed the destination is asked for the ship ({@link ShipClaimer}): where several
 * sites could ship the snapshot, one is granted it. A fresh ship first checks that the destination's copy did not
 * change since the base; then it applies the plan portion by portion, recording each acknowledged portion under the
 * leader's fence; the commit point is the destination creating the same-named snapshot. A ship whose record says
 * SHIPPING resumes after its last recorded portion, repeating at most the one it was in (asking the destination
 * before copying each file of that portion, so only what is missing is sent). A ship that another source left
 * mid-way is taken over with a plan that settles each changed path against what arrived.
 */
final class VolumeShip {
  private static final Logger LOG = LoggerFactory.getLogger(VolumeShip.class);

  private final DistributedFileSystem fs;
  private final String root;
  private final ShipTarget target;
  private final String site;
  private final ShipClaimer claimer;
  private final RetryingSender sender;
  private final FileCopy files;
  private final ShipProgressStore records;
  private final PortionLimits limits;
  private final ShipStats stats;
  private final Clock clock;
  private final long epoch;

  /** @param site this site's id */
  VolumeShip(DistributedFileSystem fs, String root, ShipTarget target, String site, ShipClaimer claimer,
      RetryingSender sender, FileCopy files, ShipProgressStore records, PortionLimits limits, ShipStats stats,
      Clock clock, long epoch) {
    this.fs = fs;
    this.root = root;
    this.target = target;
    this.site = site;
    this.claimer = claimer;
    this.sender = sender;
    this.files = files;
    this.records = records;
    this.limits = limits;
    this.stats = stats;
    this.clock = clock;
    this.epoch = epoch;
  }

  /** The steps from {@code base} (null: nothing shipped yet) to {@code to}; settling ones for a takeover. */
  private List<ShipStep> planSteps(PlanBuilder builder, String base, String to, boolean takeover, int[] pages)
      throws IOException {
    if (base == null) {
      return takeover ? builder.settled(to) : builder.full(to);
    }
    SnapshotDiffReport diff = SnapshotDiffs.between(fs, root, base, to, pages);
    return takeover ? builder.takeover(diff, to) : builder.diff(diff, base, to);
  }

  /**
   * Ships snapshot {@code to} and returns the COMMITTED record.
   *
   * @param rollback when the peer changed since the base: keep its state in a snapshot and roll it back, instead of
   *     refusing
   */
  ShipRecord ship(String to, boolean rollback) throws Exception {
    return ship(to, rollback, false);
  }

  /**
   * @param resync the rollback is the resync after a role change: the snapshot keeping the peer's changes is named
   *     {@code resync-<time>-before-<to>} instead of {@code rollback-...}
   */
  ShipRecord ship(String to, boolean rollback, boolean resync) throws Exception {
    MirrorResponse listed = send(target.request(MirrorOp.SNAPSHOTS, 0, 0, "").build());
    List<String> peer = listed.snapshots == null ? List.of() : listed.snapshots;
    Optional<ShipRecord> previous = records.read();
    if (peer.contains(to)) {
      ShipRecord done = record(to, previous.map(r -> r.base).orElse(null), State.COMMITTED, previous.orElse(null), null);
      records.write(done);
      return done;
    }
    // A site further on may have its snapshots from another source already (a cascade's sources do not keep pace).
    Optional<String> newer = peer.stream().filter(n -> SnapshotNames.isTandem(n) && n.compareTo(to) > 0)
        .max(String::compareTo);
    if (target.onward() && newer.isPresent()) {
      String why = "the destination holds " + newer.get() + ", newer than " + to + ": nothing older is shipped there";
      records.write(record(to, null, State.REFUSED, previous.orElse(null), why));
      throw new ShipRefusedException(why, List.of());
    }
    String midShipBy = claimer.claim(to);
    String base = commonBase(to, peer);
    boolean ownRecord = previous.isPresent() && previous.get().state == State.SHIPPING
        && previous.get().snapshot.equals(to) && Objects.equals(previous.get().base, base);
    boolean resuming = ownRecord && (midShipBy == null || midShipBy.equals(site));
    boolean takeover = resuming ? previous.get().takeover : midShipBy != null;
    if (takeover && !resuming) {
      LOG.info("Volume {}: taking over the ship of {} that {} left mid-way; each changed path is settled against what"
          + " arrived", target.volume(), to, midShipBy);
      send(target.request(MirrorOp.CLEAR_STASH, 0, 0, "").build());
    } else if (!resuming) {
      List<String> changed = peerChanges(base);
      if (!changed.isEmpty()) {
        if (!rollback) {
          String why = "the peer's copy of volume " + target.volume() + " changed since "
              + (base == null ? "nothing was shipped (it is not empty)" : "snapshot " + base) + ": " + changed.size()
              + " difference(s); ship with --force or set tandem.volume." + target.volume()
              + ".ship.on-target-changed=rollback to keep them in a snapshot and roll the peer back";
          records.write(new ShipRecord(ShipRecord.FORMAT, target.volume(), to, base, State.REFUSED, 0, 0, 0, 0, 0, 0, 0,
              0, 0, why, changed.size() > 1000 ? changed.subList(0, 1000) : changed, clock.millis(), clock.millis(), epoch));
          throw new ShipRefusedException(why, changed);
        }
        String keep = SnapshotNames.event(resync ? "resync" : "rollback", clock.instant(), "before-" + to);
        LOG.warn("Volume {}: the peer changed since {} ({} difference(s)){}; keeping its state as snapshot {} and"
            + " rolling it back", target.volume(), base == null ? "nothing was shipped" : base, changed.size(),
            resync ? ", written while it was primary (resync after the role change, epoch " + epoch + ")" : "", keep);
        MirrorRequest.Builder r = target.request(MirrorOp.SNAPSHOT_ROLLBACK, 0, 0, "").keepAs(keep);
        if (base != null) {
          r.snapshot(base);
        }
        send(r.build());
      }
      send(target.request(MirrorOp.CLEAR_STASH, 0, 0, "").build());
    }
    PlanBuilder builder = new PlanBuilder(new FileSystemSnapshots(fs, root));
    int[] pages = new int[1];
    List<ShipStep> planned = planSteps(builder, base, to, takeover, pages);
    ShipPlan plannedPlan = new ShipPlan(planned, limits.steps, limits.bytes);
    boolean asRecorded = resuming && previous.get().steps == planned.size()
        && previous.get().portionsTotal == plannedPlan.portions();
    if (resuming && !asRecorded && !takeover) {
      // The recorded portions cannot be found in this plan (another portion size, or a plan from another version),
      // and repeating its steps from the first would stash again paths that later steps already refilled: the
      // peer's state is settled path by path instead, as when taking over another site's ship.
      LOG.warn("Volume {}: the plan of {} is not the one recorded ({} steps in {} portions, now {} in {}); settling"
          + " each changed path against what arrived instead", target.volume(), to, previous.get().steps,
          previous.get().portionsTotal, planned.size(), plannedPlan.portions());
      send(target.request(MirrorOp.CLEAR_STASH, 0, 0, "").build());
      takeover = true;
      planned = planSteps(builder, base, to, true, pages);
      plannedPlan = new ShipPlan(planned, limits.steps, limits.bytes);
    } else if (resuming && !asRecorded) {
      LOG.warn("Volume {}: the plan of {} is not the one recorded; settling it again from its first portion",
          target.volume(), to);
    }
    final List<ShipStep> steps = planned;
    final ShipPlan plan = plannedPlan;
    final boolean settling = takeover;
    int start = 0;
    long sentBefore = 0;
    if (asRecorded) {
      start = previous.get().portionsDone;
      sentBefore = previous.get().bytesSent;
      LOG.info("Volume {}: resuming the ship of {} after portion {} of {}", target.volume(), to, start, plan.portions());
    }
    LOG.info("Volume {}: shipping {} to {} {} ({} steps, {} files, {} bytes, {} portions{})", target.volume(), to,
        target.destination(),
        base == null ? "in full" : "since " + base, steps.size(), plan.files(), plan.bytes(), plan.portions(),
        base == null ? "" : ", diff read in " + pages[0] + " page(s)");
    long sentAtStart = stats.bytesSent.get();
    long startedAt = resuming ? previous.get().startedAtMs : clock.millis();
    Path snapshotRoot = new Path(root, ".snapshot/" + to);
    records.write(progress(to, base, plan, start, sentBefore, State.SHIPPING, startedAt, settling));
    // Steps run in plan order; a run of new files (even across portions) is read as one stream, so the limiter
    // stays busy while the peer commits each file. A portion is recorded once its last step is acknowledged.
    long sentFloor = sentBefore - sentAtStart;
    long[] live = plan.doneAfter(start); // files and estimated bytes done, for progress
    StepDone done = index -> {
      records.checkLeading();
      ShipStep step = steps.get(index);
      if (step.kind() == ShipStep.Kind.FILE) {
        live[0]++;
        live[1] += step.estimatedBytes();
      }
      int p = plan.portionOf(index);
      boolean portionDone = index == plan.lastStep(p);
      ShipRecord now = progress(to, base, plan, portionDone ? p + 1 : p, live, sentFloor + stats.bytesSent.get(),
          State.SHIPPING, startedAt, settling);
      stats.progress.set(now.progressLine());
      if (portionDone) {
        stats.portionsDone.incrementAndGet();
        records.write(now);
      }
    };
    for (int i = start < plan.portions() ? plan.firstStep(start) : steps.size(); i < steps.size(); ) {
      records.checkLeading();
      int p = plan.portionOf(i);
      boolean checkPeer = settling || resuming && p == start;
      int run = checkPeer ? 0 : newFilesFrom(steps, i, resuming ? plan.lastStep(start) + 1 : 0);
      int changed = modifiedFilesFrom(steps, i);
      if (changed > 1) {
        List<FileCopy.NewFile> batch = new ArrayList<>();
        List<Boolean> check = new ArrayList<>();
        for (int j = i; j < i + changed; j++) {
          batch.add(new FileCopy.NewFile(new Path(VolumePaths.resolve(snapshotRoot.toString(), steps.get(j).path())),
              steps.get(j).path(), j, stagingKey(to, plan.portionOf(j))));
          check.add(settling || resuming && plan.portionOf(j) == start);
        }
        files.copyModified(batch, check, f -> done.accept(f.index));
        i += changed;
      } else if (run > 1) {
        List<FileCopy.NewFile> batch = new ArrayList<>();
        for (int j = i; j < i + run; j++) {
          batch.add(new FileCopy.NewFile(new Path(VolumePaths.resolve(snapshotRoot.toString(), steps.get(j).path())),
              steps.get(j).path(), j, stagingKey(to, plan.portionOf(j))));
        }
        files.copyNew(batch, f -> done.accept(f.index));
        i += run;
      } else {
        apply(snapshotRoot, builder, to, steps.get(i), checkPeer, stagingKey(to, p), i);
        done.accept(i);
        i++;
      }
    }
    send(target.request(MirrorOp.SNAPSHOT_CREATE, 0, 0, "").snapshot(to).build());
    ShipRecord committed = progress(to, base, plan, plan.portions(), sentFloor + stats.bytesSent.get(),
        State.COMMITTED, startedAt, settling);
    records.write(committed);
    stats.shipsCommitted.incrementAndGet();
    stats.progress.set(committed.progressLine());
    LOG.info("Volume {}: snapshot {} committed on {}; {} bytes sent for it", target.volume(), to,
        target.destination(), committed.bytesSent);
    return committed;
  }

  /**
   * The request position of a ship's portion, which names its files' staging on the peer: the snapshot is part of
   * it, so a staging file left by an interrupted ship of another snapshot is never continued.
   */
  static long stagingKey(String snapshot, int portion) {
    return (snapshot.hashCode() & 0x7fffffffL) * 1_000_000L + portion;
  }

  /** Called after each step is acknowledged, in plan order. */
  private interface StepDone {
    void accept(int index) throws Exception;
  }

  /** How many steps from {@code i} on are new files in a row (copied whole without asking the peer). */
  /** How many steps from {@code i} on are modified files in a row (copied several at a time). */
  private static int modifiedFilesFrom(List<ShipStep> steps, int i) {
    int n = 0;
    while (i + n < steps.size() && steps.get(i + n).kind() == ShipStep.Kind.FILE && steps.get(i + n).modified()) {
      n++;
    }
    return n;
  }

  private static int newFilesFrom(List<ShipStep> steps, int i, int notBefore) {
    int n = 0;
    while (i + n < steps.size() && i + n >= notBefore && steps.get(i + n).kind() == ShipStep.Kind.FILE
        && !steps.get(i + n).modified()) {
      n++;
    }
    return n;
  }

  /** The newest Tandem snapshot older than {@code to} that both sides hold, or null. */
  private String commonBase(String to, List<String> peer) throws IOException {
    String base = null;
    for (FileStatus s : fs.listStatus(new Path(root, ".snapshot"))) {
      String name = s.getPath().getName();
      if (SnapshotNames.isTandem(name) && name.compareTo(to) < 0 && peer.contains(name)
          && (base == null || name.compareTo(base) > 0)) {
        base = name;
      }
    }
    return base;
  }

  /** What differs on the peer from the base: its changes since the base, or for a first ship, what it holds. */
  private List<String> peerChanges(String base) throws LinkUnavailableException, InterruptedException {
    if (base != null) {
      MirrorResponse r = send(target.request(MirrorOp.SNAPSHOTS, 0, 0, "").snapshot(base).build());
      return r.changes == null ? List.of() : r.changes;
    }
    MirrorResponse r = send(target.request(MirrorOp.LIST, 0, 0, "").build());
    List<String> out = new ArrayList<>();
    if (r.entries != null) {
      for (ListedEntry e : r.entries) {
        if (!e.name.isEmpty() && !e.name.equals(VolumePaths.RESERVED)) {
          out.add("+ " + e.name + (e.directory ? "/" : ""));
        }
      }
    }
    return out;
  }

  private void apply(Path snapshotRoot, PlanBuilder builder, String to, ShipStep step, boolean checkPeer, long portion,
      int index) throws Exception {
    switch (step.kind()) {
      case DIRECTORY: {
        Path dir = new Path(VolumePaths.resolve(snapshotRoot.toString(), step.path()));
        send(target.request(MirrorOp.MKDIRS, portion, index, step.path())
            .attributes(AttributeReader.whole(fs, dir, fs.getFileStatus(dir))).build());
        return;
      }
      case FILE:
        files.copy(new Path(VolumePaths.resolve(snapshotRoot.toString(), step.path())), step.path(), step.modified(),
            checkPeer, portion, index);
        return;
      case STASH:
        send(target.request(MirrorOp.STASH, portion, index, step.path()).stash(step.stash()).build());
        return;
      case UNSTASH: {
        MirrorResponse r = send(target.request(MirrorOp.UNSTASH, portion, index, "").target(step.path())
            .stash(step.stash()).build());
        if (r.status == Status.NEED_SYNC) {
          LOG.warn("Volume {}: {} ({}); copying {} from the snapshot instead", target.volume(), step, r.message,
              step.path());
          for (ShipStep s : builder.subtree(to, step.path())) {
            apply(snapshotRoot, builder, to, s, true, portion, index);
          }
        }
        return;
      }
      case CLEAR_STASH:
        send(target.request(MirrorOp.CLEAR_STASH, portion, index, "").build());
        return;
      case PRUNE:
        prune(snapshotRoot, step.path(), portion, index);
        return;
      case REMOVE:
        send(target.request(MirrorOp.DELETE, portion, index, step.path()).build());
        return;
      default:
        throw new IllegalStateException("unknown step " + step);
    }
  }

  /**
   * Deletes on the destination what its directory {@code rel} holds that the snapshot's does not, or holds with the
   * other type (a file for a directory or the other way round); a file where the snapshot has the directory goes too.
   */
  private void prune(Path snapshotRoot, String rel, long portion, int index)
      throws IOException, LinkUnavailableException, InterruptedException {
    MirrorResponse listed = send(target.request(MirrorOp.LIST, 0, 0, rel).build());
    if ("missing".equals(listed.message) || listed.entries == null) {
      return;
    }
    if (listed.entries.size() == 1 && listed.entries.get(0).name.isEmpty() && !listed.entries.get(0).directory) {
      send(target.request(MirrorOp.DELETE, portion, index, rel).build());
      return;
    }
    java.util.Map<String, Boolean> ours = new java.util.HashMap<>();
    for (FileStatus st : fs.listStatus(new Path(VolumePaths.resolve(snapshotRoot.toString(), rel)))) {
      ours.put(st.getPath().getName(), st.isDirectory());
    }
    for (ListedEntry e : listed.entries) {
      Boolean directory = ours.get(e.name);
      if (directory == null || directory != e.directory) {
        send(target.request(MirrorOp.DELETE, portion, index, rel.isEmpty() ? e.name : rel + "/" + e.name).build());
      }
    }
  }

  private MirrorResponse send(MirrorRequest r) throws LinkUnavailableException, InterruptedException {
    return sender.send(r);
  }

  private ShipRecord progress(String to, String base, ShipPlan plan, int portionsDone, long bytesSent, State state,
      long startedAt, boolean takeover) {
    return progress(to, base, plan, portionsDone, plan.doneAfter(portionsDone), bytesSent, state, startedAt, takeover);
  }

  /** @param done files and estimated bytes done */
  private ShipRecord progress(String to, String base, ShipPlan plan, int portionsDone, long[] done, long bytesSent,
      State state, long startedAt, boolean takeover) {
    long now = clock.millis();
    return new ShipRecord(ShipRecord.FORMAT, target.volume(), to, base, state, portionsDone, plan.portions(),
        plan.steps().size(), done[0], plan.files(), done[1], plan.bytes(), bytesSent, stats.bytesPerSecond(now), null,
        null, startedAt, now, epoch, takeover);
  }

  private ShipRecord record(String to, String base, State state, ShipRecord previous, String message) {
    long now = clock.millis();
    boolean same = previous != null && previous.snapshot.equals(to);
    return new ShipRecord(ShipRecord.FORMAT, target.volume(), to, same ? previous.base : base, state,
        same ? previous.portionsTotal : 0, same ? previous.portionsTotal : 0, same ? previous.steps : 0,
        same ? previous.filesTotal : 0, same ? previous.filesTotal : 0, same ? previous.bytesTotal : 0,
        same ? previous.bytesTotal : 0, same ? previous.bytesSent : 0, 0, message, null,
        same ? previous.startedAtMs : now, now, epoch);
  }
}
