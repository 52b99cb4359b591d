package io.tandem.hadoop.cli;

import io.tandem.coord.conf.TandemConfig;
import io.tandem.coord.conf.VolumeSettings;
import io.tandem.mirror.snapshot.SnapshotNames;
import io.tandem.mirror.snapshot.VolumeSnapshots;
import java.io.PrintStream;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.hdfs.DistributedFileSystem;

/**
 * {@code tandem snapshot create|list <vol>}: takes a snapshot of the volume now, named as the schedule names them
 * (so retention counts it), or lists the volume's snapshots oldest first. Runs as the calling user, who must own the
 * volume's directory or be an HDFS superuser (making it snapshottable needs a superuser).
 */
final class SnapshotCommand {
  private final Configuration conf;
  private final PrintStream out;
  private final PrintStream err;

  SnapshotCommand(Configuration conf, PrintStream out, PrintStream err) {
    this.conf = conf;
    this.out = out;
    this.err = err;
  }

  int run(List<String> args) throws Exception {
    if (!args.isEmpty() && args.get(0).equals("bandwidth")) {
      try {
        return new BandwidthCommand(out, err).run(TandemConfig.parse(conf), args.subList(1, args.size()));
      } catch (io.tandem.coord.conf.ConfigException e) {
        err.println("tandem snapshot bandwidth: " + e.getMessage());
        return TandemCli.FAILED;
      }
    }
    boolean ship = args.size() >= 2 && args.get(0).equals("ship");
    if (!ship && (args.size() != 2 || !(args.get(0).equals("create") || args.get(0).equals("list")))) {
      err.println("Usage: tandem snapshot create|list|ship <volume> [--no-wait] [--force] [--timeout <duration>] | bandwidth <mbps> [<schedule>]|--clear");
      return TandemCli.USAGE;
    }
    Optional<VolumeArgument> arg = VolumeArgument.resolve(conf, args.get(1), "tandem snapshot", err);
    if (arg.isEmpty()) {
      return TandemCli.FAILED;
    }
    TandemConfig config = arg.get().config;
    VolumeSettings v = arg.get().volume;
    if (ship) {
      return new ShipCommand(conf, out, err).run(config, v, args.subList(2, args.size()));
    }
    try (FileSystem fs = FileSystem.newInstance(FileSystem.getDefaultUri(conf), conf)) {
      if (!(fs instanceof DistributedFileSystem)) {
        err.println("tandem snapshot: " + fs.getUri() + " is not HDFS");
        return TandemCli.FAILED;
      }
      VolumeSnapshots snapshots = new VolumeSnapshots((DistributedFileSystem) fs, v.path(), config.siteId());
      if (args.get(0).equals("create")) {
        snapshots.allow();
        String name = snapshots.take(Instant.now());
        out.println("snapshot " + name + " of volume " + v.name() + " (" + v.path() + ") taken; readable under "
            + v.path() + "/.snapshot/" + name);
        return TandemCli.OK;
      }
      for (String name : snapshots.list()) {
        out.println(name + "  " + SnapshotNames.takenAt(name).map(Instant::toString).orElse("?"));
      }
      return TandemCli.OK;
    }
  }
}
