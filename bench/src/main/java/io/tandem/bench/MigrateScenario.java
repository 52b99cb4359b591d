package io.tandem.bench;

import java.util.Locale;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.hdfs.DFSConfigKeys;

/** What answers the skewed read load in one scenario of {@link MigrateBench}. */
enum MigrateScenario {
  NOTHING("nothing", "no remedy; Tandem's load monitors report, migration paused"),
  CONSIDER_LOAD("considerLoad", "dfs.namenode.read.considerLoad=true: the NameNode lists a block's replicas on"
      + " DataNodes with fewer active transfers first; migration paused"),
  BALANCER("balancer", "the HDFS Balancer run back to back while the readers read; migration paused"),
  TANDEM("tandem", "Tandem's load-triggered migration on");

  final String label;
  final String description;

  MigrateScenario(String label, String description) {
    this.label = label;
    this.description = description;
  }

  /** The scenario named {@code key} on the command line (its label in lower case), or null. */
  static MigrateScenario byKey(String key) {
    for (MigrateScenario s : values()) {
      if (s.label.toLowerCase(Locale.ROOT).equals(key)) {
        return s;
      }
    }
    return null;
  }

  /** The NameNode's settings that differ in this scenario. */
  void configure(Configuration c) {
    if (this == CONSIDER_LOAD) {
      c.setBoolean(DFSConfigKeys.DFS_NAMENODE_READ_CONSIDERLOAD_KEY, true);
    }
  }

  /** Whether Tandem may start moves while the readers read. */
  boolean migrates() {
    return this == TANDEM;
  }
}
