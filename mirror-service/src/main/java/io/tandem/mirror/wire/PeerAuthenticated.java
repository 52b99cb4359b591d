package io.tandem.mirror.wire;

import java.util.Objects;

/**
 * User event fired down the pipeline once the handshake succeeded, after the auth handler removed itself: from here
 * on the connection carries heartbeats and requests.
 */
public final class PeerAuthenticated {
  private final String siteId;
  private final boolean verified;

  public PeerAuthenticated(String siteId, boolean verified) {
    this.siteId = Objects.requireNonNull(siteId, "siteId");
    this.verified = verified;
  }

  /** The peer's site id. */
  public String siteId() {
    return siteId;
  }

  /** True when the peer proved it knows the secret; false under {@code tandem.link.auth=none}, where it only claims. */
  public boolean verified() {
    return verified;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof PeerAuthenticated)) {
      return false;
    }
    PeerAuthenticated p = (PeerAuthenticated) o;
    return siteId.equals(p.siteId) && verified == p.verified;
  }

  @Override
  public int hashCode() {
    return siteId.hashCode() * 31 + Boolean.hashCode(verified);
  }

  @Override
  public String toString() {
    return "PeerAuthenticated{" + siteId + (verified ? ", verified" : ", unverified (auth=none)") + "}";
  }
}
