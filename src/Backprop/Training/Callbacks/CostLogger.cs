namespace Backprop.Training.Callbacks;

/// <summary>Calls <paramref name="log"/>(step, J) every <paramref name="every"/> steps and at the last step — the course's
/// "Cost after iteration i" lines, or any other sink.</summary>
public sealed class CostLogger(int every, Action<int, double> log, bool includeLastStep = true) : ITrainingCallback
{
    public void OnCost(TrainingContext context, StepResult step)
    {
        if (step.Step % every == 0 || (includeLastStep && step.Step == context.TotalSteps - 1)) log(step.Step, step.Cost);
    }
}
