package io.tandem.it.harness;

import io.tandem.mirror.verify.FileSystemSide;
import io.tandem.mirror.verify.TreeComparison;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;

/** Compares directory trees across sites, as the tests' final word on whether mirroring converged. */
public final class Trees {
  private Trees() {}

  /** A new filesystem client of the site computing COMPOSITE_CRC checksums (comparable across block sizes). */
  public static FileSystem comparableFs(TandemSite site) throws IOException {
    Configuration c = site.conf();
    c.set("dfs.checksum.combine.mode", "COMPOSITE_CRC");
    return FileSystem.newInstance(FileSystem.getDefaultUri(c), c);
  }

  public static List<String> differences(FileSystem source, String sourcePath, FileSystem target, String targetPath)
      throws IOException {
    return new TreeComparison(new FileSystemSide(source, sourcePath, true), new FileSystemSide(target, targetPath, true))
        .differences();
  }

  /** Polls until the two trees are identical, or fails listing what still differs. */
  public static void awaitIdentical(FileSystem source, String sourcePath, FileSystem target, String targetPath,
      Duration within) throws InterruptedException {
    long deadline = System.nanoTime() + within.toNanos();
    List<String> last = List.of("never compared");
    while (System.nanoTime() < deadline) {
      try {
        last = differences(source, sourcePath, target, targetPath);
        if (last.isEmpty()) {
          return;
        }
      } catch (IOException e) {
        last = List.of("comparison failed: " + e);
      }
      Thread.sleep(250); // polling interval of this deadline loop
    }
    throw new AssertionError(sourcePath + " and its mirror " + targetPath + " still differ after " + within.getSeconds()
        + " s: " + (last.size() > 20 ? last.subList(0, 20) + " ..." : last));
  }
}
