package io.tandem.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tandem.sandbox.Sandbox;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The main job: two sites come up, the live view shows both leading and mirroring to each other, --duration ends it
 * cleanly, and both mirrored volumes are identical on their peers at the end.
 */
class SandboxIT {
  @Test
  void runsTwoSitesForItsDurationAndExitsCleanly() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    File base = new File(TestDirs.forClass(SandboxIT.class), "run");
    int exit;
    try (PrintStream o = new PrintStream(out, true, "UTF-8"); PrintStream e = new PrintStream(err, true, "UTF-8")) {
      exit = new Sandbox(o, e).run(new String[] {"--duration", "12s", "--status-interval", "3s", "--base-dir", base.getPath()});
    }
    String text = out.toString(StandardCharsets.UTF_8);
    assertEquals(0, exit, text + err.toString(StandardCharsets.UTF_8));
    assertTrue(text.contains("== t+"), text);
    assertTrue(text.matches("(?s).*site-a: leader \\S+ at epoch [1-9]\\d*, 1 agent\\(s\\), 3 DataNode monitor\\(s\\), healthy.*"), text);
    assertTrue(text.matches("(?s).*site-b: leader \\S+ at epoch [1-9]\\d*, 1 agent\\(s\\), 3 DataNode monitor\\(s\\), healthy.*"), text);
    assertTrue(text.contains("Sandbox finished cleanly."), text);
    assertTrue(text.contains("volume logs: site-a -> site-b identical"), text);
    assertTrue(text.contains("volume events: site-b -> site-a identical"), text);
    assertTrue(text.matches("(?s).*mirror: link site-b (UP|REPLAYING), logs \\S+ lag.*"), text);
  }

  @Test
  void badOptionsAreRefusedWithUsage() throws Exception {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    try (PrintStream e = new PrintStream(err, true, "UTF-8")) {
      assertEquals(2, new Sandbox(System.out, e).run(new String[] {"--duration", "soon"}));
    }
    assertTrue(err.toString(StandardCharsets.UTF_8).contains("--duration \"soon\" is not a positive duration"));
  }
}
