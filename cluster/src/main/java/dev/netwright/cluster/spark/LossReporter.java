package dev.netwright.cluster.spark;

import org.deeplearning4j.core.storage.StatsStorageRouter;
import org.deeplearning4j.core.storage.listener.RoutingIterationListener;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.optimize.api.BaseTrainingListener;

/**
 * Runs on each Spark worker of a data-parallel run: reports every minibatch the worker trains (its iteration, training
 * loss and examples) to the router DL4J's training master gives the worker, which returns the reports to the driver
 * with the worker's parameters after each averaging ({@link LossCollector}).
 */
final class LossReporter extends BaseTrainingListener implements RoutingIterationListener {
    private static final long serialVersionUID = 1L;

    private transient StatsStorageRouter router;
    private String workerId;
    private String sessionId;

    @Override
    public void iterationDone(Model model, int iteration, int epoch) {
        if (router != null) {
            router.putUpdate(new MinibatchLoss(sessionId, workerId, iteration, model.score(), model.batchSize(),
                    System.currentTimeMillis()));
        }
    }

    @Override
    public void setStorageRouter(StatsStorageRouter router) {
        this.router = router;
    }

    @Override
    public StatsStorageRouter getStorageRouter() {
        return router;
    }

    @Override
    public void setWorkerID(String workerId) {
        this.workerId = workerId;
    }

    @Override
    public String getWorkerID() {
        return workerId;
    }

    @Override
    public void setSessionID(String sessionId) {
        this.sessionId = sessionId;
    }

    @Override
    public String getSessionID() {
        return sessionId;
    }

    @Override
    public LossReporter clone() {
        LossReporter copy = new LossReporter();
        copy.router = router;
        copy.workerId = workerId;
        copy.sessionId = sessionId;
        return copy;
    }
}
