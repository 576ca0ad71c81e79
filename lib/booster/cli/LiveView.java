package booster.cli;

import java.util.List;

/** Successive frames of a changing view (status --watch, create --wait progress). */
interface LiveView extends AutoCloseable {
  void show(List<String> lines);

  @Override
  void close();
}
