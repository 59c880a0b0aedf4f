package dev.netwright.designer.canvas;

import dev.netwright.designer.command.Fragment;

import java.util.Objects;
import java.util.Optional;

/**
 * The designer's in-app clipboard: the last copied or cut fragment, and how far the next paste goes.
 * Copies paste offset (and each paste a step further, so repeated pastes cascade); a cut pastes back
 * where it was first. The app can share one clipboard between designs.
 */
public final class FragmentClipboard {
    static final double STEP = 30;
    private Fragment fragment;
    private int pastes;

    void put(Fragment copied, boolean cut) {
        fragment = Objects.requireNonNull(copied, "copied");
        pastes = cut ? 0 : 1;
    }

    Optional<Fragment> fragment() {
        return Optional.ofNullable(fragment);
    }

    /** The offset for the next paste, counting it. */
    double nextOffset() {
        return STEP * pastes++;
    }
}
