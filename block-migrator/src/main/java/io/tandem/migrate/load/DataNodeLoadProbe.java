package io.tandem.migrate.load;

import java.io.IOException;
import java.util.OptionalDouble;
import org.apache.hadoop.hdfs.DFSConfigKeys;
import org.apache.hadoop.hdfs.server.datanode.DataNode;
import org.apache.hadoop.hdfs.server.datanode.fsdataset.DataNodeVolumeMetrics;
import org.apache.hadoop.hdfs.server.datanode.fsdataset.FsDatasetSpi;
import org.apache.hadoop.hdfs.server.datanode.fsdataset.FsVolumeSpi;
import org.apache.hadoop.hdfs.server.datanode.metrics.DataNodeMetrics;
import org.apache.hadoop.hdfs.server.protocol.DataNodeUsageReport;

/**
 * Reads a live DataNode's load through its public API.
 *
 * <p>Counters: {@link DataNodeMetrics} keeps bytes and blocks read and written in private counters, and exposes them
 * through {@link DataNodeMetrics#getDNUsageReport(long)}, which returns, for each counter, (its value - its value at
 * the previous call) / the argument. Called with 1 it therefore returns the exact increments since the previous call,
 * which this probe adds up into running totals. Nothing in Hadoop 3.4 calls it otherwise; a future caller would take
 * its share of the increments, making the rates read low (never negative).
 *
 * <p>Latency: only where the DataNode profiles its disks ({@code dfs.datanode.fileio.profiling.sampling.percentage}
 * > 0) do its volumes time their reads and writes ({@link DataNodeVolumeMetrics}); the probe reports their mean over
 * the metrics system's current window, weighted by each volume's sample count, and nothing otherwise.
 */
public final class DataNodeLoadProbe implements LoadProbe {
  private final DataNode datanode;
  private final boolean profiled;
  private ActivityTotals totals = ActivityTotals.ZERO;

  public DataNodeLoadProbe(DataNode datanode) {
    this.datanode = datanode;
    this.profiled = datanode.getConf().getInt(DFSConfigKeys.DFS_DATANODE_FILEIO_PROFILING_SAMPLING_PERCENTAGE_KEY,
        DFSConfigKeys.DFS_DATANODE_FILEIO_PROFILING_SAMPLING_PERCENTAGE_DEFAULT) > 0;
  }

  @Override
  public ActivityTotals totals() {
    DataNodeMetrics metrics = datanode.getMetrics();
    if (metrics != null) {
      DataNodeUsageReport since = metrics.getDNUsageReport(1);
      totals = totals.plus(Math.max(0, since.getBytesReadPerSec()), Math.max(0, since.getBytesWrittenPerSec()),
          Math.max(0, since.getBlocksReadPerSec()), Math.max(0, since.getBlocksWrittenPerSec()));
    }
    return totals;
  }

  @Override
  public int xceivers() {
    return datanode.getXceiverCount();
  }

  @Override
  public int transferThreads() {
    return datanode.getActiveTransferThreadCount();
  }

  @Override
  public OptionalDouble ioLatencyMs() {
    FsDatasetSpi<?> dataset = profiled ? datanode.getFSDataset() : null;
    if (dataset == null) {
      return OptionalDouble.empty();
    }
    double weighted = 0;
    long samples = 0;
    try (FsDatasetSpi.FsVolumeReferences volumes = dataset.getFsVolumeReferences()) {
      for (FsVolumeSpi volume : volumes) {
        DataNodeVolumeMetrics m = volume.getMetrics();
        if (m != null) {
          weighted += m.getReadIoMean() * m.getReadIoSampleCount() + m.getWriteIoMean() * m.getWriteIoSampleCount();
          samples += m.getReadIoSampleCount() + m.getWriteIoSampleCount();
        }
      }
    } catch (IOException e) {
      // Releasing volume references does not fail in practice; a volume removed meanwhile just drops out.
      return OptionalDouble.empty();
    }
    return OptionalDouble.of(samples == 0 ? 0 : weighted / samples);
  }
}
