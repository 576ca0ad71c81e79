package booster.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.fabric8.generator.annotation.ValidationRule;

/** Exactly one of exact, prefix or regex (checked by {@link Validation}). */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"exact", "prefix", "regex"})
@ValidationRule(
    value =
        "(has(self.exact) ? 1 : 0) + (has(self.prefix) ? 1 : 0) + (has(self.regex) ? 1 : 0) == 1",
    message = "exactly one of exact, prefix or regex must be set")
public class StringMatch {
  private String exact;
  private String prefix;
  private String regex;

  public String getExact() {
    return exact;
  }

  public void setExact(String exact) {
    this.exact = exact;
  }

  public String getPrefix() {
    return prefix;
  }

  public void setPrefix(String prefix) {
    this.prefix = prefix;
  }

  public String getRegex() {
    return regex;
  }

  public void setRegex(String regex) {
    this.regex = regex;
  }
}
