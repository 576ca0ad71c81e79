package booster.api;

import com.fasterxml.jackson.annotation.JsonInclude;

/** A token budget shared by every Kthena router replica; without it each replica keeps its own. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class GlobalRateLimit {
  private RedisConfig redis;

  public RedisConfig getRedis() {
    return redis;
  }

  public void setRedis(RedisConfig redis) {
    this.redis = redis;
  }
}
