package booster.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** Exactly one of exact, prefix or regex (checked by {@link Validation}). */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"exact", "prefix", "regex"})
public class StringMatch {
  private String exact;
  private String prefix;
  private String regex;

  public String getExact() { return exact; }
  public void setExact(String exact) { this.exact = exact; }
  public String getPrefix() { return prefix; }
  public void setPrefix(String prefix) { this.prefix = prefix; }
  public String getRegex() { return regex; }
  public void setRegex(String regex) { this.regex = regex; }
}
