package io.tandem.mirror.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.stream.Collectors;
import org.apache.hadoop.hdfs.inotify.Event;
import org.junit.jupiter.api.Test;

/** Which changes of a volume rooted at {@code /depot/vol} the NameNode's events make. */
class InotifyTranslatorTest {
  private final InotifyTranslator translator = new InotifyTranslator("vol", "/depot/vol");

  private static Event rename(String src, String dst) {
    return new Event.RenameEvent.Builder().srcPath(src).dstPath(dst).timestamp(1).build();
  }

  private static Event unlink(String path) {
    return new Event.UnlinkEvent.Builder().path(path).timestamp(1).build();
  }

  private List<String> changes(Event e) {
    return translator.translate(e, 7, 0).stream()
        .map(c -> c.kind() + " '" + c.path() + "'" + (c.target() == null ? "" : " -> '" + c.target() + "'"))
        .collect(Collectors.toList());
  }

  @Test
  void renamesInsideAcrossAndOutsideTheVolume() {
    assertEquals(List.of("RENAME 'a' -> 'b'"), changes(rename("/depot/vol/a", "/depot/vol/b")));
    assertEquals(List.of("DELETE 'a'"), changes(rename("/depot/vol/a", "/elsewhere/a")));
    assertEquals(List.of("SYNC_TREE 'a'"), changes(rename("/elsewhere/a", "/depot/vol/a")));
    assertEquals(List.of(), changes(rename("/elsewhere/a", "/elsewhere/b")));
    assertEquals(List.of(), changes(rename("/depot/volume2", "/depot/vol2")), "a name that only begins the same");
    assertEquals(List.of(), changes(rename("/depot/vol/.tandem/x", "/depot/vol/.tandem/y")), "Tandem's own");
  }

  @Test
  void theRootRenamedOrDeletedTakesTheWholeVolume() {
    assertEquals(List.of("DELETE ''"), changes(rename("/depot/vol", "/depot/old")));
    assertEquals(List.of("SYNC_TREE ''"), changes(rename("/depot/new", "/depot/vol")));
    assertEquals(List.of("DELETE ''"), changes(unlink("/depot/vol")));
  }

  @Test
  void aDirectoryAboveTheRootRenamedOrDeletedActsOnTheWholeVolume() {
    assertEquals(List.of("DELETE ''"), changes(rename("/depot", "/archive/depot")), "the volume left its path");
    assertEquals(List.of("SYNC_TREE ''"), changes(rename("/archive/depot", "/depot")), "something took its place");
    assertEquals(List.of("DELETE ''"), changes(unlink("/depot")));
    assertEquals(List.of(), changes(unlink("/dep")), "not above it: a name that only begins the same");
    assertEquals(List.of(), changes(rename("/dep", "/de")));
  }

  @Test
  void aVolumeAtTheRootOfTheNamespaceHasNothingAboveIt() {
    InotifyTranslator atRoot = new InotifyTranslator("all", "/");
    assertEquals("RENAME", atRoot.translate(rename("/a", "/b"), 7, 0).get(0).kind().toString());
    assertEquals(List.of(), atRoot.translate(rename("/.tandem/a", "/.tandem/b"), 7, 0));
  }
}
