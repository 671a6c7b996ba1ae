package dev.authgate.keys;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Supplier;

/** The key ring in force. Readers take a snapshot; a reload replaces it in one step. */
public final class CurrentKeys implements Supplier<KeyRing> {
  private final AtomicReference<KeyRing> ring;
  private final List<Consumer<KeyRing>> listeners = new CopyOnWriteArrayList<>();

  public CurrentKeys(KeyRing initial) {
    this.ring = new AtomicReference<>(initial);
  }

  @Override
  public KeyRing get() {
    return ring.get();
  }

  void replace(KeyRing next) {
    ring.set(next);
    listeners.forEach(l -> l.accept(next));
  }

  /** Calls the listener after every replacement, for caches that depend on the keys. */
  public void onChange(Consumer<KeyRing> listener) {
    listeners.add(listener);
  }
}
