package io.tandem.bench;

import java.io.IOException;
import java.util.Random;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/** Writes and appends pseudo-random bytes (seeded per path, so runs repeat) in 64 KiB pieces. */
final class ContentWriter {
  private static final int PIECE = 64 * 1024;
  private final FileSystem fs;

  ContentWriter(FileSystem fs) {
    this.fs = fs;
  }

  void create(Path path, long length) throws IOException {
    try (FSDataOutputStream o = fs.create(path, true)) {
      fill(o, length, path.toString().hashCode());
    }
  }

  void append(Path path, long length) throws IOException {
    try (FSDataOutputStream o = fs.append(path)) {
      fill(o, length, path.toString().hashCode() * 31L + 7);
    }
  }

  private static void fill(FSDataOutputStream o, long length, long seed) throws IOException {
    Random random = new Random(seed);
    byte[] piece = new byte[PIECE];
    long left = length;
    while (left > 0) {
      random.nextBytes(piece);
      int n = (int) Math.min(piece.length, left);
      o.write(piece, 0, n);
      left -= n;
    }
  }
}
