package io.tandem.mirror.link.net;

import io.tandem.mirror.wire.FrameType;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * Which handler takes which kind of request frame, and the frame type of its responses. The mirror path is REQUEST
 * answered by RESPONSE; the client proxy path will add its own pair on the same port with {@link #with}.
 * Immutable.
 */
public final class RequestRoutes {
  private final Map<FrameType, Route> routes;

  private RequestRoutes(Map<FrameType, Route> routes) {
    this.routes = routes;
  }

  /** REQUEST frames to {@code mirrorRequests}, answered with RESPONSE frames. */
  public static RequestRoutes of(RequestHandler mirrorRequests) {
    return new RequestRoutes(Collections.<FrameType, Route>emptyMap()).with(FrameType.REQUEST, FrameType.RESPONSE,
        mirrorRequests);
  }

  /** These routes and one more; a request type already routed is refused, so no route is replaced by mistake. */
  public RequestRoutes with(FrameType requestType, FrameType responseType, RequestHandler handler) {
    Objects.requireNonNull(handler, "handler");
    checkCarriesRequests(requestType);
    checkCarriesRequests(responseType);
    if (requestType == responseType) {
      throw new IllegalArgumentException("a request and its response need different frame types, got " + requestType);
    }
    if (routes.containsKey(requestType)) {
      throw new IllegalArgumentException(requestType + " frames already have a handler");
    }
    Map<FrameType, Route> copy = new EnumMap<>(FrameType.class);
    copy.putAll(routes);
    copy.put(requestType, new Route(responseType, handler));
    return new RequestRoutes(Collections.unmodifiableMap(copy));
  }

  private static void checkCarriesRequests(FrameType type) {
    Objects.requireNonNull(type, "frame type");
    if (type.allowedBeforeAuthentication() || type == FrameType.HEARTBEAT) {
      throw new IllegalArgumentException(type + " frames belong to the handshake or the heartbeat, not to requests");
    }
  }

  /** The route of {@code requestType}, or null when it carries no requests this side accepts. */
  Route route(FrameType requestType) {
    return routes.get(requestType);
  }

  @Override
  public String toString() {
    return "routes " + routes.keySet();
  }

  /** A handler and the frame type of its responses. */
  static final class Route {
    private final FrameType responseType;
    private final RequestHandler handler;

    private Route(FrameType responseType, RequestHandler handler) {
      this.responseType = responseType;
      this.handler = handler;
    }

    FrameType responseType() {
      return responseType;
    }

    RequestHandler handler() {
      return handler;
    }
  }
}
