package io.tandem.hadoop.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tandem.coord.conf.KeyDef;
import io.tandem.coord.conf.TandemKeys;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.util.ToolRunner;
import org.junit.jupiter.api.Test;

class TandemCliTest {
  private String out;
  private String err;

  private int run(Configuration conf, String... args) throws Exception {
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    ByteArrayOutputStream e = new ByteArrayOutputStream();
    int code = ToolRunner.run(conf, new TandemCli(new PrintStream(o, true, "UTF-8"), new PrintStream(e, true, "UTF-8")), args);
    out = o.toString(StandardCharsets.UTF_8);
    err = e.toString(StandardCharsets.UTF_8);
    return code;
  }

  @Test
  void noCommandOrAnUnknownOneIsAUsageError() throws Exception {
    assertEquals(TandemCli.USAGE, run(new Configuration(false)));
    assertTrue(err.contains("Usage: tandem"));
    assertEquals(TandemCli.USAGE, run(new Configuration(false), "frobnicate"));
    assertTrue(err.startsWith("tandem: unknown command 'frobnicate'"), err);
    assertEquals(TandemCli.USAGE, run(new Configuration(false), "status", "--yaml"));
  }

  @Test
  void statusWithoutASiteSaysWhatIsMissingInOneLine() throws Exception {
    assertEquals(TandemCli.FAILED, run(new Configuration(false), "status"));
    assertEquals(1, err.trim().split("\n").length, err);
    assertTrue(err.contains("tandem.site.id is not set"), err);
  }

  @Test
  void genericOptionsReachTheCommand() throws Exception {
    assertEquals(TandemCli.FAILED, run(new Configuration(false), "-D", "tandem.site.id=BAD SITE", "status"));
    assertTrue(err.contains("tandem.site.id=\"BAD SITE\""), err);
  }

  @Test
  void volumeCommandsNameAnUnknownVolumeInOneLine() throws Exception {
    Configuration c = new Configuration(false);
    c.set("tandem.site.id", "site-a");
    c.set("tandem.zk.quorum", "localhost:1");
    c.set("tandem.volumes", "logs");
    c.set("tandem.volume.logs.path", "/logs");
    assertEquals(TandemCli.FAILED, run(c, "mirror", "verify", "nope"));
    assertEquals("tandem mirror: no volume 'nope' (tandem.volumes lists [logs])", err.trim());
    assertEquals(TandemCli.FAILED, run(c, "snapshot", "list", "nope"));
    assertEquals("tandem snapshot: no volume 'nope' (tandem.volumes lists [logs])", err.trim());
    c.set("tandem.link.connections", "many");
    assertEquals(TandemCli.FAILED, run(c, "snapshot", "list", "logs"));
    assertTrue(err.startsWith("tandem snapshot: tandem.link.connections=\"many\" is not valid"), err);
  }

  @Test
  void keysListsTheWholeContract() throws Exception {
    assertEquals(TandemCli.OK, run(new Configuration(false), "keys"));
    for (KeyDef k : TandemKeys.all()) {
      assertTrue(out.contains(k.template()), "missing " + k.template());
    }
  }

  @Test
  void versionPrintsTheBuildVersion() throws Exception {
    assertEquals(TandemCli.OK, run(new Configuration(false), "version"));
    assertTrue(out.matches("Tandem \\d+\\.\\d+\\.\\d+.*\\s*"), out);
  }
}
