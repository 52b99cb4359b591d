package io.tandem.mirror.link.net;

import java.net.InetSocketAddress;

/**
 * Configuration keeps addresses unresolved (parsing never blocks on DNS); they are resolved when a socket is bound
 * or dialled, each time, so a peer whose name moves to a new address is found there on the next dial.
 */
final class Addresses {
  private Addresses() {}

  static InetSocketAddress resolved(InetSocketAddress a) {
    return a.isUnresolved() ? new InetSocketAddress(a.getHostString(), a.getPort()) : a;
  }
}
