package io.tandem.mirror.link.net;

/** The life of a {@link LinkServer} or {@link PeerLink}: each starts at most once and closes once, in that order. */
enum Lifecycle {
  LATENT,
  STARTED,
  CLOSED
}
