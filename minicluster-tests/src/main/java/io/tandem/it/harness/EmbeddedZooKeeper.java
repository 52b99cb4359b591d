package io.tandem.it.harness;

import java.io.Closeable;
import java.io.File;
import java.io.IOException;
import java.util.Map;
import org.apache.curator.test.InstanceSpec;
import org.apache.curator.test.TestingServer;

/**
 * A site's own ZooKeeper for tests and the sandbox: a real server on a loopback port, with a short tick so session
 * timeouts of a second or two are allowed. Stop and restart keep the port and the data.
 */
public final class EmbeddedZooKeeper implements Closeable {
  public static final int TICK_MS = 100;

  private final TestingServer server;

  public EmbeddedZooKeeper(File dataDir) throws Exception {
    InstanceSpec spec = new InstanceSpec(dataDir, -1, -1, -1, dataDir == null, 1, TICK_MS, -1,
        (Map<String, Object>) null);
    this.server = new TestingServer(spec, true);
  }

  public String connectString() {
    return server.getConnectString();
  }

  public int port() {
    return server.getPort();
  }

  /** Stops the server (clients see SUSPENDED, then LOST after their session timeout). */
  public void stop() throws IOException {
    server.stop();
  }

  public void restart() throws Exception {
    server.restart();
  }

  @Override
  public void close() throws IOException {
    server.close();
  }
}
