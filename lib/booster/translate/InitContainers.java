package booster.translate;

import booster.api.LoraAdapter;
import booster.api.ModelBackend;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import java.util.ArrayList;
import java.util.List;

/**
 * The init containers every pod of a backend runs: the model downloader, then one downloader per
 * legacy LoRA adapter. All write into the cache volume; secrets reach them through the backend's
 * envFrom.
 */
final class InitContainers {
  private InitContainers() {}

  static List<Container> of(BackendContext ctx, CacheVolume cache) {
    ModelBackend backend = ctx.backend();
    List<Container> out = new ArrayList<>();
    out.add(
        downloader(ctx, cache, ctx.boosterName() + "-model-downloader", backend.getModelURI())
            .withEnv(EngineEnv.downloader(backend))
            .build());
    List<LoraAdapter> adapters =
        backend.getLoraAdapters() == null ? List.of() : backend.getLoraAdapters();
    for (int i = 0; i < adapters.size(); i++) {
      out.add(
          downloader(
                  ctx,
                  cache,
                  ctx.boosterName() + "-lora-downloader-" + i,
                  adapters.get(i).getArtifactURL())
              .withEnv(EngineEnv.backend(backend))
              .build());
    }
    return out;
  }

  private static ContainerBuilder downloader(
      BackendContext ctx, CacheVolume cache, String name, String source) {
    return new ContainerBuilder()
        .withName(name)
        .withImage(ctx.config().downloaderImage())
        .withArgs("--source", source, "--output-dir", cache.downloadDir(source))
        .withEnvFrom(ctx.backend().getEnvFrom())
        .withVolumeMounts(cache.mount());
  }
}
