package booster.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;

/**
 * The Redis server a global token budget is kept in (ModelRoute {@code rateLimit.global.redis}).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class RedisConfig {
  /** {@code host:port}; the Kthena router dials it as given. */
  @Required
  @Pattern(Patterns.HOST_PORT)
  private String address;

  public String getAddress() {
    return address;
  }

  public void setAddress(String address) {
    this.address = address;
  }
}
