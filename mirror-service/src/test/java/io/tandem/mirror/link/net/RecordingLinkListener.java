package io.tandem.mirror.link.net;

import io.tandem.mirror.link.LinkPhase;
import io.tandem.mirror.link.LinkState;
import io.tandem.mirror.link.ReplayingState;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A {@link LinkListener} for tests: records every change in order and, if asked, reports the (empty) backlog drained
 * as soon as a replay starts, so the link goes on to UP. Thread-safe.
 */
public final class RecordingLinkListener implements LinkListener {
  /** One change of state as the listener heard it. */
  public record Change(LinkState from, LinkState to) {
    public LinkPhase phase() {
      return to.phase();
    }
  }

  private final List<Change> changes = new CopyOnWriteArrayList<>();
  private final boolean drainAtOnce;
  private volatile PeerLink link;

  private RecordingLinkListener(boolean drainAtOnce) {
    this.drainAtOnce = drainAtOnce;
  }

  /** Reports each replay drained at once: the link goes from REPLAYING straight on to UP. */
  public static RecordingLinkListener drainingAtOnce() {
    return new RecordingLinkListener(true);
  }

  /** Leaves REPLAYING to the test, which calls {@link PeerLink#backlogDrained}. */
  public static RecordingLinkListener manual() {
    return new RecordingLinkListener(false);
  }

  /** The link to report drained replays to; needed only with {@link #drainingAtOnce()}. */
  public void attach(PeerLink peerLink) {
    this.link = peerLink;
  }

  @Override
  public void onStateChange(LinkState previous, LinkState current) {
    changes.add(new Change(previous, current));
    if (drainAtOnce && current instanceof ReplayingState replaying) {
      link.backlogDrained(replaying.replayId());
    }
  }

  /** How many changes so far: a mark to look for later changes from. */
  public int mark() {
    return changes.size();
  }

  public List<Change> changes() {
    return List.copyOf(changes);
  }

  public List<Change> since(int mark) {
    List<Change> all = changes();
    return all.subList(Math.min(mark, all.size()), all.size());
  }

  /** The phases entered since {@code mark}, in order. */
  public List<LinkPhase> phasesSince(int mark) {
    List<LinkPhase> phases = new ArrayList<>();
    for (Change c : since(mark)) {
      phases.add(c.phase());
    }
    return phases;
  }

  /** The first change into {@code phase} at or after {@code mark}, or null. */
  public Change first(LinkPhase phase, int mark) {
    int i = indexOf(phase, mark);
    return i < 0 ? null : changes.get(i);
  }

  /** The index of the first change into {@code phase} at or after {@code mark}, or -1: a mark for what follows it. */
  public int indexOf(LinkPhase phase, int mark) {
    List<Change> all = changes();
    for (int i = mark; i < all.size(); i++) {
      if (all.get(i).phase() == phase) {
        return i;
      }
    }
    return -1;
  }
}
