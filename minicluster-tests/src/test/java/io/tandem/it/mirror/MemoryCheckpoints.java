package io.tandem.it.mirror;

import io.tandem.mirror.send.CheckpointStore;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;

/** Checkpoints kept in memory, surviving the mirrors that use them (a restarted mirror resumes from here). */
final class MemoryCheckpoints implements CheckpointStore {
  final Map<String, Long> saved = new ConcurrentHashMap<>();
  final Map<String, Long> renamed = new ConcurrentHashMap<>();

  @Override
  public OptionalLong load(String volume) {
    Long t = saved.get(volume);
    return t == null ? OptionalLong.empty() : OptionalLong.of(t);
  }

  @Override
  public void save(String volume, long txid) {
    saved.merge(volume, txid, Math::max);
  }

  @Override
  public long renamedThrough(String volume) {
    return renamed.getOrDefault(volume, 0L);
  }

  @Override
  public void saveRenamedThrough(String volume, long txid) {
    renamed.merge(volume, txid, Math::max);
  }
}
