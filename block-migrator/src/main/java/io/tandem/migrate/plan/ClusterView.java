package io.tandem.migrate.plan;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Everything one planning round looks at, frozen: the scored load reports, which DataNodes are hot, the block map
 * (at least the blocks named in the heat lists), each DataNode's block heat, the moves in flight and the history.
 */
public final class ClusterView {
  /** Hottest first: by bytes read per second (what the load model moves), then reads per second, then block id. */
  static final Comparator<BlockHeat> HOTTEST_FIRST = Comparator.comparingDouble(BlockHeat::bytesReadPerSec)
      .thenComparingDouble(BlockHeat::readsPerSec).reversed().thenComparingLong(BlockHeat::blockId);

  private final LoadScores scores;
  private final HotTracker hot;
  private final Map<Long, BlockPlacement> blocks;
  private final Map<String, List<BlockHeat>> heatByNode;
  private final List<InFlightMove> inFlight;
  private final MoveHistory history;
  private final Map<String, String> racks;
  private final int rackCount;

  private ClusterView(Builder b) {
    this.scores = b.scores;
    this.hot = b.hot;
    this.blocks = Collections.unmodifiableMap(new HashMap<>(b.blocks));
    Map<String, List<BlockHeat>> heat = new HashMap<>();
    for (Map.Entry<String, Map<Long, BlockHeat>> e : b.heat.entrySet()) {
      List<BlockHeat> list = new ArrayList<>(e.getValue().values());
      list.sort(HOTTEST_FIRST);
      heat.put(e.getKey(), Collections.unmodifiableList(list));
    }
    this.heatByNode = Collections.unmodifiableMap(heat);
    this.inFlight = Collections.unmodifiableList(new ArrayList<>(b.inFlight));
    this.history = b.history;
    Map<String, String> rackMap = new HashMap<>(b.racks);
    for (NodeLoad n : scores.nodes()) {
      String other = rackMap.put(n.datanodeUuid(), n.rack());
      if (other != null && !other.equals(n.rack())) {
        throw new IllegalArgumentException("DataNode " + n.datanodeUuid() + " is on rack " + n.rack()
            + " by its load report and on " + other + " by the topology given");
      }
    }
    this.racks = Collections.unmodifiableMap(rackMap);
    this.rackCount = new HashSet<>(rackMap.values()).size();
  }

  /** @param hot a tracker that has observed {@code scores} */
  public static Builder builder(LoadScores scores, HotTracker hot) {
    return new Builder(scores, hot);
  }

  public LoadScores scores() {
    return scores;
  }

  public HotTracker hot() {
    return hot;
  }

  public Optional<BlockPlacement> block(long blockId) {
    return Optional.ofNullable(blocks.get(blockId));
  }

  /** The DataNode's block heat, hottest first; empty when it listed none. */
  public List<BlockHeat> hottestFirst(String datanodeUuid) {
    List<BlockHeat> list = heatByNode.get(datanodeUuid);
    return list == null ? List.of() : list;
  }

  public Optional<BlockHeat> heat(String datanodeUuid, long blockId) {
    for (BlockHeat h : hottestFirst(datanodeUuid)) {
      if (h.blockId() == blockId) {
        return Optional.of(h);
      }
    }
    return Optional.empty();
  }

  public List<InFlightMove> inFlight() {
    return inFlight;
  }

  public MoveHistory history() {
    return history;
  }

  /** From the DataNode's load report, or from the topology given for DataNodes that do not report. */
  public Optional<String> rackOf(String datanodeUuid) {
    return Optional.ofNullable(racks.get(datanodeUuid));
  }

  /** Distinct racks among all DataNodes known to the view. */
  public int rackCount() {
    return rackCount;
  }

  /** Collects a round's inputs. */
  public static final class Builder {
    private final LoadScores scores;
    private final HotTracker hot;
    private final Map<Long, BlockPlacement> blocks = new HashMap<>();
    private final Map<String, Map<Long, BlockHeat>> heat = new HashMap<>();
    private final List<InFlightMove> inFlight = new ArrayList<>();
    private final Map<String, String> racks = new HashMap<>();
    private MoveHistory history = MoveHistory.empty();

    private Builder(LoadScores scores, HotTracker hot) {
      this.scores = Objects.requireNonNull(scores, "scores");
      this.hot = Objects.requireNonNull(hot, "hot");
    }

    public Builder block(BlockPlacement block) {
      if (blocks.put(block.blockId(), block) != null) {
        throw new IllegalArgumentException("block " + block.blockId() + " given twice");
      }
      return this;
    }

    public Builder blocks(Collection<BlockPlacement> all) {
      for (BlockPlacement b : all) {
        block(b);
      }
      return this;
    }

    public Builder heat(Collection<BlockHeat> all) {
      for (BlockHeat h : all) {
        Map<Long, BlockHeat> onNode = heat.computeIfAbsent(h.datanodeUuid(), k -> new HashMap<>());
        if (onNode.put(h.blockId(), h) != null) {
          throw new IllegalArgumentException("heat of block " + h.blockId() + " on " + h.datanodeUuid()
              + " given twice");
        }
      }
      return this;
    }

    public Builder inFlight(Collection<InFlightMove> moves) {
      Set<Long> seen = new HashSet<>();
      for (InFlightMove m : inFlight) {
        seen.add(m.blockId());
      }
      for (InFlightMove m : moves) {
        if (!seen.add(m.blockId())) {
          throw new IllegalArgumentException("block " + m.blockId() + " has two moves in flight");
        }
        inFlight.add(m);
      }
      return this;
    }

    public Builder history(MoveHistory value) {
      this.history = Objects.requireNonNull(value, "history");
      return this;
    }

    /** The rack of a DataNode that holds replicas but sent no load report (reporting ones carry their rack). */
    public Builder rack(String datanodeUuid, String rack) {
      racks.put(Objects.requireNonNull(datanodeUuid, "datanodeUuid"), Objects.requireNonNull(rack, "rack"));
      return this;
    }

    public ClusterView build() {
      return new ClusterView(this);
    }
  }
}
