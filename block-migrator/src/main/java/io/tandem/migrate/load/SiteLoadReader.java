package io.tandem.migrate.load;

import io.tandem.coord.record.LoadReport;
import io.tandem.coord.store.RecordFormatException;
import io.tandem.coord.store.RecordStore;
import io.tandem.coord.store.Versioned;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.utils.ZKPaths;
import org.apache.zookeeper.KeeperException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads every DataNode's load report: one getChildren of {@code /<site>/load} and a getData per child, in a sweep
 * the monitor runs on its own schedule ({@link TableRefresh}) rather than a watch on every report, so reads cost
 * what the schedule says and nothing more (a cache watching all reports would take a notification and a read for
 * each of the site's writes, in every monitor). A report that vanished meanwhile is skipped; one that cannot be read
 * (written by a newer Tandem) is skipped with one WARN per DataNode, the rest of the table still counts.
 */
public final class SiteLoadReader {
  private static final Logger LOG = LoggerFactory.getLogger(SiteLoadReader.class);

  private final CuratorFramework zk;
  private final String parent;
  private final RecordStore<LoadReport> store;
  private final Set<String> warned = new HashSet<>();

  public SiteLoadReader(CuratorFramework zk, String parent, RecordStore<LoadReport> store) {
    this.zk = zk;
    this.parent = parent;
    this.store = store;
  }

  /** The reports present now; empty when no DataNode reported yet. */
  public List<LoadReport> readAll() throws Exception {
    List<String> names;
    try {
      names = zk.getChildren().forPath(parent);
    } catch (KeeperException.NoNodeException e) {
      return List.of();
    }
    List<LoadReport> out = new ArrayList<>(names.size());
    for (String name : names) {
      try {
        store.read(ZKPaths.makePath(parent, name)).map(Versioned::value).ifPresent(out::add);
      } catch (RecordFormatException e) {
        if (warned.add(name)) {
          LOG.warn("Load report of DataNode {} left out of the site's load: {}", name, e.getMessage());
        }
      }
    }
    return out;
  }
}
