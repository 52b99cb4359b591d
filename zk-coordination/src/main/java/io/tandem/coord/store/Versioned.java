package io.tandem.coord.store;

import java.util.Objects;

/** A record read from a znode together with the znode's data version, for compare-and-set. */
public final class Versioned<T> {
  private final String path;
  private final T value;
  private final int version;

  public Versioned(String path, T value, int version) {
    this.path = Objects.requireNonNull(path);
    this.value = Objects.requireNonNull(value);
    this.version = version;
  }

  public String path() {
    return path;
  }

  public T value() {
    return value;
  }

  public int version() {
    return version;
  }

  @Override
  public String toString() {
    return path + "@" + version + "=" + value;
  }
}
