package booster.api;

import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Singular;
import io.fabric8.kubernetes.model.annotation.Version;

/** The ModelBooster custom resource: one inference service, in either upstream shape. */
@Group(ModelBooster.GROUP)
@Version(ModelBooster.VERSION)
@Kind(ModelBooster.KIND)
@Plural("modelboosters")
@Singular("modelbooster")
@ShortNames("mb")
public class ModelBooster extends CustomResource<ModelBoosterSpec, ModelBoosterStatus> implements Namespaced {
  public static final String GROUP = "workload.serving.volcano.sh";
  public static final String VERSION = "v1alpha1";
  public static final String KIND = "ModelBooster";
  public static final String API_VERSION = GROUP + "/" + VERSION;
}
