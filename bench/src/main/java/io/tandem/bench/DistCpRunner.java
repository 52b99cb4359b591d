package io.tandem.bench;

import io.tandem.it.harness.TandemSite;
import java.io.File;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.mapreduce.Counters;
import org.apache.hadoop.mapreduce.Job;
import org.apache.hadoop.tools.DistCp;
import org.apache.hadoop.tools.DistCpOptions;
import org.apache.hadoop.tools.mapred.CopyMapper;

/**
 * Runs DistCp through its Java API on MapReduce's local job runner, in this process, with the receiving site's client
 * configuration (DistCp runs where the copy lands).
 */
final class DistCpRunner {
  private final TandemSite receiving;
  private final File baseDir;
  private final int maps;

  DistCpRunner(TandemSite receiving, File baseDir, int maps) {
    this.receiving = receiving;
    this.baseDir = baseDir;
    this.maps = maps;
  }

  /** {@code distcp -update source target}. */
  DistCpRun update(Path source, Path target) throws Exception {
    return run(new DistCpOptions.Builder(List.of(source), target).withSyncFolder(true).maxMaps(maps).build());
  }

  /**
   * {@code distcp -update -diff from to source target}: source is a snapshottable directory holding snapshots
   * {@code from} and {@code to}; target must hold snapshot {@code from} and be unchanged since.
   */
  DistCpRun updateDiff(Path source, Path target, String from, String to) throws Exception {
    return run(new DistCpOptions.Builder(List.of(source), target).withSyncFolder(true).withUseDiff(from, to)
        .maxMaps(maps).build());
  }

  private DistCpRun run(DistCpOptions distcpOptions) throws Exception {
    Configuration conf = receiving.conf();
    conf.set("mapreduce.framework.name", "local");
    // The local job runner stages jobs on the local disk: keep that beside the clusters' data.
    conf.set("hadoop.tmp.dir", new File(baseDir, "distcp-tmp").getAbsolutePath());
    conf.set("mapreduce.jobtracker.staging.root.dir", new File(baseDir, "distcp-staging").getAbsolutePath());
    conf.setInt("mapreduce.local.map.tasks.maximum", maps);
    long start = System.nanoTime();
    Job job = new DistCp(conf, distcpOptions).execute();
    long nanos = System.nanoTime() - start;
    if (!job.isSuccessful()) {
      throw new IllegalStateException("DistCp " + distcpOptions + " failed: " + job.getStatus());
    }
    Counters c = job.getCounters();
    return new DistCpRun(nanos, c.findCounter(CopyMapper.Counter.COPY).getValue(),
        c.findCounter(CopyMapper.Counter.SKIP).getValue(), c.findCounter(CopyMapper.Counter.BYTESCOPIED).getValue());
  }
}
