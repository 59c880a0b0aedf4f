package dev.netwright.runtime.explain;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.custom.LinearSolve;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Weighted ridge regression, solved by ND4J in double precision: minimises Σ w_s (y_s − X_s·β)² + λ‖β‖² through the
 * normal equations (XᵀWX + λI) β = XᵀWy and ND4J's LU solver ({@code linear_solve}). The surrogate models of LIME and
 * KernelSHAP; their designs have at most a few hundred columns.
 */
final class WeightedLeastSquares {
    private WeightedLeastSquares() {
    }

    /**
     * β for the rows {@code x} (samples × features), targets {@code y} and weights {@code w}; {@code ridge} λ ≥ 0 is not
     * applied to an intercept column when {@code interceptColumn} ≥ 0.
     */
    static double[] solve(double[][] x, double[] y, double[] w, double ridge, int interceptColumn) {
        int n = x.length;
        int m = x[0].length;
        INDArray design = Nd4j.create(x).castTo(DataType.DOUBLE);
        INDArray weights = Nd4j.createFromArray(w).reshape(n, 1);
        INDArray weighted = design.mul(weights); // rows scaled by their weights: W X
        INDArray gram = design.transpose().mmul(weighted); // Xᵀ W X
        for (int j = 0; j < m; j++) {
            if (j != interceptColumn) {
                gram.putScalar(j, j, gram.getDouble(j, j) + ridge);
            }
        }
        INDArray rhs = weighted.transpose().mmul(Nd4j.createFromArray(y).reshape(n, 1)); // Xᵀ W y
        INDArray beta = Nd4j.exec(new LinearSolve(gram, rhs, false))[0];
        return beta.reshape(m).toDoubleVector();
    }
}
