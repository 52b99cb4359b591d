package io.tandem.mirror.apply;

import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;

/** A volume as the receiving site holds it: its local directory and the sites allowed to send to it. */
public final class ReceivingVolume {
  private final String name;
  private final String root;
  private final Set<String> senders;

  public ReceivingVolume(String name, String root, Set<String> senders) {
    this.name = Objects.requireNonNull(name);
    this.root = Objects.requireNonNull(root);
    if (senders.isEmpty()) {
      throw new IllegalArgumentException("volume " + name + " needs a site to receive from");
    }
    this.senders = java.util.Collections.unmodifiableSet(new LinkedHashSet<>(senders));
  }

  public ReceivingVolume(String name, String root, String senderSite) {
    this(name, root, Set.of(senderSite));
  }

  public String name() {
    return name;
  }

  /** The volume's directory on this site. */
  public String root() {
    return root;
  }

  /** The sites that mirror or ship into this volume: its peer, and in a cascade its other sources. */
  public Set<String> senders() {
    return senders;
  }

  /** True when more than one site may ship the volume here, so each ship is granted to one of them. */
  public boolean contested() {
    return senders.size() > 1;
  }
}
