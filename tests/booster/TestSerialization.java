package booster;

import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

/**
 * fabric8's default mapping, which knows every model kind on the class path: tests parse typed
 * objects with it.
 */
public final class TestSerialization {
  public static final KubernetesSerialization KUBERNETES = new KubernetesSerialization();

  private TestSerialization() {}
}
