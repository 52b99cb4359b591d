package io.tandem.it;

import java.io.File;

/** Test directories for test classes in sub-packages. */
public final class TestDirsAccess {
  private TestDirsAccess() {}

  public static File forClass(Class<?> type) {
    return TestDirs.forClass(type);
  }
}
