using Backprop.Defaults;
using System.Numerics;
using Backprop.Kernels;
using Backprop.Layers;

namespace Backprop.Optimizers;

/// <summary>Adam, momentum and RMSProp together with bias correction, as in the course:
/// v ← β1·v + (1 − β1)·dθ; s ← β2·s + (1 − β2)·dθ²; v̂ = v / (1 − β1ᵗ); ŝ = s / (1 − β2ᵗ); θ ← θ − α·v̂ / (√ŝ + ε),
/// where t counts this optimiser's steps from 1. The correction undoes the pull of the zero start, so the first step
/// moves every coordinate by almost exactly α·sign(dθ).</summary>
public sealed class Adam : IStatefulOptimizer
{
    private readonly ParameterStates _states = new("adam", "v", "s");
    private double _learningRate;

    /// <param name="learningRate">α &gt; 0.</param>
    /// <param name="beta1">β1 in [0, 1), the decay of the gradient average v.</param>
    /// <param name="beta2">β2 in [0, 1), the decay of the squared-gradient average s.</param>
    /// <param name="epsilon">ε &gt; 0.</param>
    public Adam(double learningRate = TrainingDefaults.AdaptiveLearningRate, double beta1 = 0.9, double beta2 = 0.999, double epsilon = 1e-8)
    {
        _learningRate = Hyperparameter.LearningRate(learningRate, nameof(learningRate));
        Beta1 = Hyperparameter.Beta(beta1, nameof(beta1));
        Beta2 = Hyperparameter.Beta(beta2, nameof(beta2));
        Epsilon = Hyperparameter.Epsilon(epsilon, nameof(epsilon));
    }

    public string Name => "adam";

    public double LearningRate
    {
        get => _learningRate;
        set => _learningRate = Hyperparameter.LearningRate(value, nameof(LearningRate));
    }

    public double Beta1 { get; }
    public double Beta2 { get; }
    public double Epsilon { get; }

    /// <summary>t, the steps taken so far (the next step is t + 1).</summary>
    public int Steps { get; private set; }

    public void Step<T>(IReadOnlyList<Parameter<T>> parameters) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int t = checked(Steps + 1);
        // The corrections are formed in double, as NumPy forms 1 - beta1**t, then rounded once to T.
        var k = new AdamCoefficients<T>(
            T.CreateChecked(Beta1), T.CreateChecked(1 - Beta1), T.CreateChecked(Beta2), T.CreateChecked(1 - Beta2),
            T.CreateChecked(_learningRate), T.CreateChecked(1 - Math.Pow(Beta1, t)), T.CreateChecked(1 - Math.Pow(Beta2, t)),
            T.CreateChecked(Epsilon));
        for (int i = 0; i < parameters.Count; i++)
        {
            var p = parameters[i];
            var buffers = _states.For(p);
            OptimizerKernels.Adam(p.Value.AsSpan(), buffers[0], buffers[1], p.Gradient.AsReadOnlySpan(), k);
        }
        Steps = t;
    }

    public OptimizerState ExportState<T>(IReadOnlyList<Parameter<T>> parameters) where T : unmanaged, IFloatingPointIeee754<T> =>
        _states.Export(parameters, Steps);

    public void ImportState<T>(IReadOnlyList<Parameter<T>> parameters, OptimizerState state) where T : unmanaged, IFloatingPointIeee754<T>
    {
        _states.Import(parameters, state);
        Steps = state.Steps;
    }

    public override string ToString() => $"Adam(α={LearningRate}, β1={Beta1}, β2={Beta2}, ε={Epsilon})";
}
