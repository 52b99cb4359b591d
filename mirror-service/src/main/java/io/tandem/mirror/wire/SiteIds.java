package io.tandem.mirror.wire;

import java.util.regex.Pattern;

/** The site id rule of {@code tandem.site.id}, applied to ids that arrive from a peer. */
final class SiteIds {
  private SiteIds() {}

  static final int MAX_LENGTH = 63;
  private static final Pattern SITE_ID = Pattern.compile("[a-z0-9][a-z0-9_-]{0,62}");

  static boolean isValid(String siteId) {
    return siteId != null && SITE_ID.matcher(siteId).matches();
  }

  static String require(String siteId) {
    if (!isValid(siteId)) {
      throw new IllegalArgumentException("site id \"" + siteId + "\" is not valid: expected lower-case letters, digits,"
          + " '-' or '_', starting with a letter or digit, at most " + MAX_LENGTH + " characters");
    }
    return siteId;
  }
}
