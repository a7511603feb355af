using Backprop.Training;

namespace Backprop.Compare;

/// <summary>Managed bytes allocated per training step between two step ends, after warm-up: on the thread that runs the
/// loop (<see cref="GC.GetAllocatedBytesForCurrentThread"/>) and in the whole process (worker threads included).
/// It subscribes to the trainer's events, so it runs on the training thread and measures the real loop.</summary>
internal sealed class AllocationProbe(int fromStep, int toStep) : ITrainingCallback
{
    private long _thread0, _process0;
    private int _gen0Collections;

    public double? ThreadBytesPerStep { get; private set; }
    public double? ProcessBytesPerStep { get; private set; }
    public int? Gen0Collections { get; private set; }
    public string Window => $"steps {fromStep}..{toStep}";

    public void OnStepEnd(TrainingContext context, StepResult step)
    {
        if (step.Step == fromStep)
        {
            _gen0Collections = GC.CollectionCount(0);
            _process0 = GC.GetTotalAllocatedBytes(precise: true);
            _thread0 = GC.GetAllocatedBytesForCurrentThread();
        }
        else if (step.Step == toStep)
        {
            long thread = GC.GetAllocatedBytesForCurrentThread();
            long process = GC.GetTotalAllocatedBytes(precise: true);
            ThreadBytesPerStep = (double)(thread - _thread0) / (toStep - fromStep);
            ProcessBytesPerStep = (double)(process - _process0) / (toStep - fromStep);
            Gen0Collections = GC.CollectionCount(0) - _gen0Collections;
        }
    }

    /// <summary>Writes the measurements into the result line.</summary>
    public void Report(ResultLine line) => line
        .Set("alloc_window", Window)
        .Set("alloc_bytes_per_step", ThreadBytesPerStep)
        .Set("alloc_bytes_per_step_process", ProcessBytesPerStep)
        .Set("gen0_collections_in_window", Gen0Collections);
}
