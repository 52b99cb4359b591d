package io.tandem.mirror.wire;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The shared secret of the link, as the HMAC key (its UTF-8 bytes). Never printed: {@link #toString()} hides it, so
 * a secret passed to a logger by mistake shows nothing.
 */
public final class LinkSecret {
  private final byte[] key;

  private LinkSecret(byte[] key) {
    this.key = key;
  }

  /** The secret spelled by {@code chars}, surrounding whitespace ignored (as {@code tandem.link.secret} is read). */
  public static LinkSecret of(char[] chars) {
    int start = 0;
    int end = chars.length;
    while (start < end && chars[start] <= ' ') {
      start++;
    }
    while (end > start && chars[end - 1] <= ' ') {
      end--;
    }
    if (start == end) {
      throw new IllegalArgumentException("the link secret is empty");
    }
    ByteBuffer encoded = StandardCharsets.UTF_8.encode(CharBuffer.wrap(chars, start, end - start));
    byte[] key = new byte[encoded.remaining()];
    encoded.get(key);
    if (encoded.hasArray()) {
      Arrays.fill(encoded.array(), (byte) 0);
    }
    return new LinkSecret(key);
  }

  public static LinkSecret of(String secret) {
    return of(secret.toCharArray());
  }

  /** Length of the key in bytes. */
  public int length() {
    return key.length;
  }

  /** A copy of the key, for the HMAC. */
  byte[] keyBytes() {
    return key.clone();
  }

  @Override
  public String toString() {
    return "LinkSecret(hidden)";
  }
}
