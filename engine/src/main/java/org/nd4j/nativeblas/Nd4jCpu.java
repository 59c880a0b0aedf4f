package org.nd4j.nativeblas;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * Bridge for DL4J 1.0.0-M2.1's oneDNN helpers. {@code BaseMKLDNNHelper.mklDnnEnabled()} looks up
 * {@code org.nd4j.nativeblas.Nd4jCpu$Environment} by name and calls {@code getInstance().isUseMKLDNN()} on it;
 * ND4J moved that class to {@code org.nd4j.linalg.cpu.nativecpu.bindings.Nd4jCpu} (where the method is
 * {@code isUseONEDNN}), so without this class DL4J never uses oneDNN for convolutions, pooling and batch norm.
 * Nothing else in Netwright uses it. Remove it when DL4J finds the class under its new name.
 */
public final class Nd4jCpu {
    private static final Logger LOG = LoggerFactory.getLogger(Nd4jCpu.class);
    private static final String MOVED_ENVIRONMENT = "org.nd4j.linalg.cpu.nativecpu.bindings.Nd4jCpu$Environment";

    private Nd4jCpu() {
    }

    /** The view of ND4J's native environment that DL4J asks about; answers from the moved class. */
    public static final class Environment {
        private static final Environment INSTANCE = new Environment();
        private final MethodHandle useOneDnn;

        private Environment() {
            this.useOneDnn = lookUpUseOneDnn();
        }

        public static Environment getInstance() {
            return INSTANCE;
        }

        /** Whether the loaded ND4J native library was built with oneDNN and has it switched on. */
        public boolean isUseMKLDNN() {
            if (useOneDnn == null) {
                return false;
            }
            try {
                return (boolean) useOneDnn.invoke();
            } catch (Throwable e) {
                return false; // DL4J then trains without the helpers, as it would without this class
            }
        }

        /** Null where the CPU backend's class is missing or changed; DL4J only asks on the CPU backend. */
        private static MethodHandle lookUpUseOneDnn() {
            try {
                Class<?> moved = Class.forName(MOVED_ENVIRONMENT, false, Nd4jCpu.class.getClassLoader());
                MethodHandles.Lookup lookup = MethodHandles.publicLookup();
                Object environment = lookup.findStatic(moved, "getInstance", MethodType.methodType(moved)).invoke();
                return lookup.findVirtual(moved, "isUseONEDNN", MethodType.methodType(boolean.class)).bindTo(environment);
            } catch (Throwable e) {
                LOG.warn("DL4J's oneDNN helpers stay off: {} cannot be used ({})", MOVED_ENVIRONMENT, e.toString());
                return null;
            }
        }
    }
}
