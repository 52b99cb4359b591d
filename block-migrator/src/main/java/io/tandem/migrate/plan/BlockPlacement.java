package io.tandem.migrate.plan;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;

/** Where one block's live replicas are, as the NameNode's block map says. */
public final class BlockPlacement {
  private final long blockId;
  private final long generationStamp;
  private final long sizeBytes;
  private final boolean complete;
  private final List<String> replicas;
  private final int expectedReplication;

  /**
   * @param complete false while the block is under construction (being written, appended or recovered)
   * @param replicas DataNode uuids holding a live replica, without repeats
   */
  public BlockPlacement(long blockId, long generationStamp, long sizeBytes, boolean complete, List<String> replicas,
      int expectedReplication) {
    if (sizeBytes < 0 || expectedReplication < 1) {
      throw new IllegalArgumentException("block " + blockId + ": size " + sizeBytes + " must be >= 0 and expected "
          + "replication " + expectedReplication + " >= 1");
    }
    LinkedHashSet<String> distinct = new LinkedHashSet<>(Objects.requireNonNull(replicas, "replicas"));
    if (distinct.size() != replicas.size() || distinct.contains(null)) {
      throw new IllegalArgumentException("block " + blockId + ": replica locations must be distinct and non-null, got "
          + replicas);
    }
    this.blockId = blockId;
    this.generationStamp = generationStamp;
    this.sizeBytes = sizeBytes;
    this.complete = complete;
    this.replicas = Collections.unmodifiableList(new ArrayList<>(distinct));
    this.expectedReplication = expectedReplication;
  }

  public long blockId() {
    return blockId;
  }

  public long generationStamp() {
    return generationStamp;
  }

  public long sizeBytes() {
    return sizeBytes;
  }

  public boolean isComplete() {
    return complete;
  }

  public List<String> replicas() {
    return replicas;
  }

  public int liveReplicas() {
    return replicas.size();
  }

  public int expectedReplication() {
    return expectedReplication;
  }

  public boolean isHeldBy(String datanodeUuid) {
    return replicas.contains(datanodeUuid);
  }

  /** The replica locations once the source's replica has been replaced by the target's. */
  public List<String> replicasAfterMove(String source, String target) {
    List<String> after = new ArrayList<>(replicas);
    after.set(after.indexOf(source), target);
    return after;
  }

  @Override
  public String toString() {
    return "block " + blockId + "_" + generationStamp + (complete ? "" : " (under construction)") + " on " + replicas
        + ", expected " + expectedReplication;
  }
}
