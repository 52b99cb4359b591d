package io.tandem.mirror.verify;

import io.tandem.mirror.protocol.MirrorResponse.ListedEntry;
import java.io.IOException;
import java.util.List;

/** One side of a comparison: lists a path of a volume as entries (a file lists as itself, named ""). */
public interface TreeSide {
  /** The entries of {@code rel}, or null when it does not exist. */
  List<ListedEntry> list(String rel) throws IOException;

  /** Where this side is, for messages. */
  String describe();
}
