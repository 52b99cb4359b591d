package io.tandem.hadoop.cli;

import io.tandem.coord.conf.ConfigException;
import io.tandem.coord.conf.TandemConfig;
import io.tandem.coord.conf.VolumeSettings;
import java.io.PrintStream;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;

/**
 * The volume a command names, with the configuration it was read from. Shared by the commands that take a volume,
 * so a bad configuration or an unknown volume gets the same one line everywhere.
 */
final class VolumeArgument {
  final TandemConfig config;
  final VolumeSettings volume;

  private VolumeArgument(TandemConfig config, VolumeSettings volume) {
    this.config = config;
    this.volume = volume;
  }

  /** The named volume, or empty after printing one line to {@code err} saying why (prefixed by {@code command}). */
  static Optional<VolumeArgument> resolve(Configuration conf, String name, String command, PrintStream err) {
    TandemConfig config;
    try {
      config = TandemConfig.parse(conf);
    } catch (ConfigException e) {
      err.println(command + ": " + e.getMessage());
      return Optional.empty();
    }
    VolumeSettings v = config.volumes().get(name);
    if (v == null) {
      err.println(command + ": no volume '" + name + "' (tandem.volumes lists " + config.volumes().keySet() + ")");
      return Optional.empty();
    }
    return Optional.of(new VolumeArgument(config, v));
  }
}
