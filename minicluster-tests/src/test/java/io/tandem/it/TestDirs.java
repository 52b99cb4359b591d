package io.tandem.it;

import java.io.File;

/** Per-class data directories under the build's test-data folder. */
final class TestDirs {
  private TestDirs() {}

  static File forClass(Class<?> type) {
    return new File(System.getProperty("test.build.data", "target/test-data"), type.getSimpleName());
  }
}
