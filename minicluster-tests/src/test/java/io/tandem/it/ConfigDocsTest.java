package io.tandem.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tandem.coord.conf.KeyDef;
import io.tandem.coord.conf.TandemConfig;
import io.tandem.coord.conf.TandemKeys;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.Test;

/** The README documents every key, and the samples in conf/ are valid together, with no unknown key. */
class ConfigDocsTest {
  private static final File ROOT = new File(System.getProperty("tandem.project.root", ".."));

  @Test
  void readmeDocumentsEveryKey() throws Exception {
    String readme = Files.readString(new File(ROOT, "README.md").toPath(), StandardCharsets.UTF_8);
    for (KeyDef k : TandemKeys.all()) {
      assertTrue(readme.contains("`" + k.template() + "`"), "README does not document " + k.template());
    }
    assertTrue(readme.contains(io.tandem.hadoop.cli.TandemCli.keysMarkdown()),
        "the README's key table is out of date: regenerate it with bin/tandem keys --markdown");
  }

  @Test
  void samplesParseCleanly() {
    Configuration c = new Configuration(false);
    File[] samples = new File(ROOT, "conf").listFiles((d, n) -> n.endsWith(".xml"));
    assertTrue(samples != null && samples.length >= 5, "conf/ samples missing");
    for (File f : samples) {
      c.addResource(new Path(f.toURI()));
    }
    c.set("tandem.link.secret", "a-secret-from-a-credential-provider");
    TandemConfig cfg = TandemConfig.parse(c);
    assertEquals("site-a", cfg.siteId());
    assertTrue(cfg.warnings().isEmpty(), cfg.warnings().toString());
    assertEquals(1, cfg.volumes().size());
  }
}
