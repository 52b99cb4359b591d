package io.tandem.it.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Free loopback ports for agents' link addresses, chosen before the sites start (they configure each other). They are
 * taken below the kernel's ephemeral range (32768 and up on Linux): a port the kernel handed out for a bind to port 0
 * is free again the moment it is closed, and the mini clusters' daemons, which bind port 0 while the sites start,
 * could be handed the same one before the agent binds it.
 */
public final class Ports {
  private static final int LOW = 20_000;
  private static final int HIGH = 32_000;

  private Ports() {}

  public static int free() {
    int start = LOW + ThreadLocalRandom.current().nextInt(HIGH - LOW);
    for (int i = 0; i < HIGH - LOW; i++) {
      int port = LOW + (start - LOW + i) % (HIGH - LOW);
      try (ServerSocket s = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
        return s.getLocalPort();
      } catch (IOException taken) {
        // in use: try the next one
      }
    }
    throw new UncheckedIOException(new IOException("no free loopback port from " + LOW + " to " + HIGH));
  }
}
