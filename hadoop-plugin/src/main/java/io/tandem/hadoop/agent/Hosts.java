package io.tandem.hadoop.agent;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** The local host's name, as agents and monitors register it. */
public final class Hosts {
  private Hosts() {}

  public static String localHostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "localhost";
    }
  }
}
