package booster.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Map;
import java.util.TreeMap;

/** Request matching copied into the ModelRoute rules (networking.serving.volcano.sh ModelMatch). */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"headers", "uri", "body"})
public class ModelMatch {
  private Map<String, StringMatch> headers;
  private StringMatch uri;
  private BodyMatch body;

  public Map<String, StringMatch> getHeaders() {
    return headers;
  }

  /** Sorted so that rendered routes are byte-identical whatever order the manifest used. */
  public void setHeaders(Map<String, StringMatch> headers) {
    this.headers = headers == null ? null : new TreeMap<>(headers);
  }

  public StringMatch getUri() {
    return uri;
  }

  public void setUri(StringMatch uri) {
    this.uri = uri;
  }

  public BodyMatch getBody() {
    return body;
  }

  public void setBody(BodyMatch body) {
    this.body = body;
  }
}
