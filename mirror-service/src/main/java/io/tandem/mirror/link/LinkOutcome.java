package io.tandem.mirror.link;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * What one event did to the link: the transitions, oldest first, each with its action. One event can cause two
 * transitions: a heartbeat that ends a gap first puts the link DOWN (the gap happened, the connections must close)
 * and then on PROBATION. Events that change nothing return {@link #UNCHANGED}.
 */
public final class LinkOutcome {
  public static final LinkOutcome UNCHANGED = new LinkOutcome(Collections.<LinkTransition>emptyList());

  private final List<LinkTransition> transitions;

  private LinkOutcome(List<LinkTransition> transitions) {
    this.transitions = transitions;
  }

  static LinkOutcome of(List<LinkTransition> transitions) {
    return transitions.isEmpty() ? UNCHANGED : new LinkOutcome(List.copyOf(transitions));
  }

  public boolean changed() {
    return !transitions.isEmpty();
  }

  public List<LinkTransition> transitions() {
    return transitions;
  }

  /** The actions the driver must take, in order, leaving out {@link LinkAction#NONE}. */
  public List<LinkAction> actions() {
    List<LinkAction> actions = new ArrayList<>(transitions.size());
    for (LinkTransition t : transitions) {
      if (t.action() != LinkAction.NONE) {
        actions.add(t.action());
      }
    }
    return Collections.unmodifiableList(actions);
  }

  @Override
  public String toString() {
    return changed() ? transitions.toString() : "unchanged";
  }
}
