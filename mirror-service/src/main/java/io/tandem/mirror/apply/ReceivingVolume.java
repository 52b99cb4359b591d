package io.tandem.mirror.apply;

import java.util.Objects;

/** A volume as the receiving site holds it: its local directory and the only site allowed to send to it. */
public final class ReceivingVolume {
  private final String name;
  private final String root;
  private final String senderSite;

  public ReceivingVolume(String name, String root, String senderSite) {
    this.name = Objects.requireNonNull(name);
    this.root = Objects.requireNonNull(root);
    this.senderSite = Objects.requireNonNull(senderSite);
  }

  public String name() {
    return name;
  }

  /** The volume's directory on this site. */
  public String root() {
    return root;
  }

  /** The peer site that mirrors into this volume. */
  public String senderSite() {
    return senderSite;
  }
}
