package dev.netwright.runtime.data;

/**
 * What a source's own test files (Fashion-MNIST's t10k pair, an IDX folder's t10k or test pair) are used for. Sources
 * without test files (CSV files, image folders, IDX folders with training files only) split their examples into
 * training and validation parts either way and have no test part.
 */
public enum DataSplit {
    /**
     * Train / validation / test: the validation part is held out of the training files (stratified, with the run's seed
     * and validation fraction), the test files are kept for the final evaluation only. What new runs do.
     */
    HOLD_OUT_TEST,
    /**
     * Train / validation: the test files validate every epoch and the final evaluation is on them too, so nothing is
     * held out for a final verdict. What runs before the test split did; their run files are read this way.
     */
    VALIDATE_ON_TEST
}
