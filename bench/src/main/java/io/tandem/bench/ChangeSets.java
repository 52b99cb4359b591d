package io.tandem.bench;

import java.util.List;
import java.util.Locale;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/** The ship bench's three change sets (issue 4): append-heavy, only new files, rename-heavy. */
final class ChangeSets {
  private static final int KIB = 1024;
  private static final int MIB = 1024 * KIB;

  private ChangeSets() {}

  static List<ChangeSet> all() {
    return List.of(appendHeavy(20, 8 * MIB, 256 * KIB), newFilesOnly(10, MIB, 200, 256 * KIB),
        renameHeavy(10, 20, 64 * KIB, 5));
  }

  /** {@code files} files of {@code size} bytes, each grown by {@code appended}. */
  static ChangeSet appendHeavy(int files, int size, int appended) {
    return new ChangeSet("append-heavy",
        files + " files of " + Units.bytes(size) + " each grown by " + Units.bytes(appended),
        (fs, root) -> {
          ContentWriter w = new ContentWriter(fs);
          for (int i = 0; i < files; i++) {
            w.create(file(root, "f", i), size);
          }
        },
        (fs, root) -> {
          ContentWriter w = new ContentWriter(fs);
          for (int i = 0; i < files; i++) {
            w.append(file(root, "f", i), appended);
          }
        },
        (long) files * appended, 20, 5);
  }

  /** {@code oldFiles} files of {@code oldSize} in the base; {@code files} new files of {@code size} in 10 dirs. */
  static ChangeSet newFilesOnly(int oldFiles, int oldSize, int files, int size) {
    return new ChangeSet("new-files", files + " new files of " + Units.bytes(size) + " in 10 new directories",
        (fs, root) -> {
          ContentWriter w = new ContentWriter(fs);
          for (int i = 0; i < oldFiles; i++) {
            w.create(file(new Path(root, "old"), "f", i), oldSize);
          }
        },
        (fs, root) -> {
          ContentWriter w = new ContentWriter(fs);
          for (int i = 0; i < files; i++) {
            w.create(file(new Path(root, dir("new", i % 10)), "f", i), size);
          }
        },
        (long) files * size, 0, 1);
  }

  /**
   * {@code dirs} directories of {@code perDir} files of {@code size}, plus a chain of {@code chain} files; the change
   * moves every file to the next directory under a new name, renames every directory, and shifts the chain's names
   * by one (c3 to c4, then c2 to c3, ...: each rename's target was another's source).
   */
  static ChangeSet renameHeavy(int dirs, int perDir, int size, int chain) {
    int files = dirs * perDir;
    return new ChangeSet("rename-heavy",
        "rename " + files + " files (each into another directory) and " + dirs + " directories, and a chain of "
            + chain + " renames",
        (fs, root) -> {
          ContentWriter w = new ContentWriter(fs);
          for (int i = 0; i < files; i++) {
            w.create(file(new Path(root, dir("d", i % dirs)), "f", i), size);
          }
          for (int i = 0; i < chain; i++) {
            w.create(file(new Path(root, "chain"), "c", i), size);
          }
        },
        (fs, root) -> {
          for (int i = 0; i < files; i++) {
            rename(fs, file(new Path(root, dir("d", i % dirs)), "f", i),
                file(new Path(root, dir("d", (i + 1) % dirs)), "r", i));
          }
          for (int d = 0; d < dirs; d++) {
            rename(fs, new Path(root, dir("d", d)), new Path(root, dir("e", d)));
          }
          for (int i = chain - 1; i >= 0; i--) {
            rename(fs, file(new Path(root, "chain"), "c", i), file(new Path(root, "chain"), "c", i + 1));
          }
        },
        0, 0, 0);
  }

  private static void rename(FileSystem fs, Path from, Path to) throws java.io.IOException {
    if (!fs.rename(from, to)) {
      throw new java.io.IOException("rename " + from + " -> " + to + " failed");
    }
  }

  private static Path file(Path dir, String prefix, int i) {
    return new Path(dir, String.format(Locale.ROOT, "%s%04d", prefix, i));
  }

  private static String dir(String prefix, int i) {
    return String.format(Locale.ROOT, "%s%02d", prefix, i);
  }
}
