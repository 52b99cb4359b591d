package io.tandem.mirror.link.net;

import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/** The clock the link reads unless a test injects its own. */
public final class LinkClocks {
  private LinkClocks() {}

  /**
   * Milliseconds from {@link System#nanoTime()}. The link compares only times it took itself (its own send times come
   * back as echoes), so it needs a clock that never jumps, not the wall clock that NTP may step back.
   */
  public static LongSupplier monotonicMillis() {
    return () -> TimeUnit.NANOSECONDS.toMillis(System.nanoTime());
  }
}
