using System.Numerics;
using Backprop.Kernels;
using Backprop.Layers;

namespace Backprop.Optimizers;

/// <summary>Gradient descent with momentum, the course's form: v ← β·v + (1 − β)·dθ; θ ← θ − α·v. The velocity v
/// is an exponentially weighted average of past gradients (over about 1/(1 − β) steps), which damps oscillation
/// across a ravine while keeping speed along it. v starts at zero, with no bias correction (as in the course).</summary>
public sealed class Momentum : IStatefulOptimizer
{
    private readonly ParameterStates _states = new("momentum", "v");
    private double _learningRate;

    /// <param name="learningRate">α &gt; 0.</param>
    /// <param name="beta">β in [0, 1); 0 is plain gradient descent.</param>
    public Momentum(double learningRate, double beta = 0.9)
    {
        _learningRate = Hyperparameter.LearningRate(learningRate, nameof(learningRate));
        Beta = Hyperparameter.Beta(beta, nameof(beta));
    }

    public string Name => "momentum";

    public double LearningRate
    {
        get => _learningRate;
        set => _learningRate = Hyperparameter.LearningRate(value, nameof(LearningRate));
    }

    /// <summary>β, the velocity's decay.</summary>
    public double Beta { get; }

    /// <summary>Steps taken so far.</summary>
    public int Steps { get; private set; }

    public void Step<T>(IReadOnlyList<Parameter<T>> parameters) where T : unmanaged, IFloatingPointIeee754<T>
    {
        T beta = T.CreateChecked(Beta), oneMinusBeta = T.CreateChecked(1 - Beta), alpha = T.CreateChecked(_learningRate);
        for (int i = 0; i < parameters.Count; i++) // indexed: a foreach over the interface would allocate an enumerator
        {
            var p = parameters[i];
            OptimizerKernels.Momentum(p.Value.AsSpan(), _states.For(p)[0], p.Gradient.AsReadOnlySpan(), beta, oneMinusBeta, alpha);
        }
        Steps++;
    }

    public OptimizerState ExportState<T>(IReadOnlyList<Parameter<T>> parameters) where T : unmanaged, IFloatingPointIeee754<T> =>
        _states.Export(parameters, Steps);

    public void ImportState<T>(IReadOnlyList<Parameter<T>> parameters, OptimizerState state) where T : unmanaged, IFloatingPointIeee754<T>
    {
        _states.Import(parameters, state);
        Steps = state.Steps;
    }

    public override string ToString() => $"Momentum(α={LearningRate}, β={Beta})";
}
