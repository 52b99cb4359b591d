package io.tandem.mirror.ship;

import java.util.ArrayList;
import java.util.List;

/**
 * The steps of a ship in the order the peer must apply them, cut into portions: runs of consecutive steps closed
 * once they hold {@code maxSteps} steps or {@code maxBytes} estimated bytes, and always after the last of a run of
 * STASH steps. A portion is the unit whose completion is recorded, so a resumed ship repeats at most one portion.
 * The plan is a function of the two snapshots alone, so a resumed ship recomputes the same one.
 *
 * <p>Why the stashes end a portion: every step is safe to repeat on its own, but a STASH repeated after a later
 * step refilled its path (an UNSTASH of a swap, a new file where a renamed one was) would take the new content
 * away and, once unstashed again, put it where the old one belongs. Nothing refills a path while stashes run, and
 * once they are recorded they are never repeated after anything that does.
 */
public final class ShipPlan {
  private final List<ShipStep> steps;
  private final List<Integer> portionStarts = new ArrayList<>();
  private final long files;
  private final long bytes;

  public ShipPlan(List<ShipStep> steps, int maxSteps, long maxBytes) {
    if (maxSteps < 1 || maxBytes < 1) {
      throw new IllegalArgumentException("portions need at least one step and one byte");
    }
    this.steps = List.copyOf(steps);
    long f = 0;
    long b = 0;
    int inPortion = 0;
    long portionBytes = 0;
    for (int i = 0; i < this.steps.size(); i++) {
      ShipStep s = this.steps.get(i);
      if (inPortion == 0) {
        portionStarts.add(i);
      }
      inPortion++;
      portionBytes += s.estimatedBytes();
      if (s.kind() == ShipStep.Kind.FILE) {
        f++;
        b += s.estimatedBytes();
      }
      boolean lastStash = s.kind() == ShipStep.Kind.STASH
          && (i + 1 == this.steps.size() || this.steps.get(i + 1).kind() != ShipStep.Kind.STASH);
      if (inPortion >= maxSteps || portionBytes >= maxBytes || lastStash) {
        inPortion = 0;
        portionBytes = 0;
      }
    }
    this.files = f;
    this.bytes = b;
  }

  public List<ShipStep> steps() {
    return steps;
  }

  public int portions() {
    return portionStarts.size();
  }

  /** The steps of portion {@code i} (from 0). */
  public List<ShipStep> portion(int i) {
    int from = portionStarts.get(i);
    int to = i + 1 < portionStarts.size() ? portionStarts.get(i + 1) : steps.size();
    return steps.subList(from, to);
  }

  /** Index in {@link #steps()} of the first step of portion {@code i}. */
  public int firstStep(int i) {
    return portionStarts.get(i);
  }

  /** The portion step {@code index} belongs to. */
  public int portionOf(int index) {
    int i = java.util.Collections.binarySearch(portionStarts, index);
    return i >= 0 ? i : -i - 2;
  }

  /** Index in {@link #steps()} of the last step of portion {@code i}. */
  public int lastStep(int i) {
    return (i + 1 < portionStarts.size() ? portionStarts.get(i + 1) : steps.size()) - 1;
  }

  public long files() {
    return files;
  }

  public long bytes() {
    return bytes;
  }

  /** Files and estimated bytes of the first {@code n} portions. */
  public long[] doneAfter(int n) {
    long f = 0;
    long b = 0;
    int end = n >= portionStarts.size() ? steps.size() : portionStarts.get(n);
    for (int i = 0; i < end; i++) {
      ShipStep s = steps.get(i);
      if (s.kind() == ShipStep.Kind.FILE) {
        f++;
        b += s.estimatedBytes();
      }
    }
    return new long[] {f, b};
  }
}
