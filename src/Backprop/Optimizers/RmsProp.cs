using System.Numerics;
using Backprop.Kernels;
using Backprop.Layers;

namespace Backprop.Optimizers;

/// <summary>RMSProp: s ← β·s + (1 − β)·dθ²; θ ← θ − α·dθ / (√s + ε). Dividing by the root mean square of recent
/// gradients shrinks steps along directions that oscillate and lengthens them along flat ones. s starts at zero, with
/// no bias correction; ε keeps the division finite where s is still zero.</summary>
public sealed class RmsProp : IStatefulOptimizer
{
    private readonly ParameterStates _states = new("rmsprop", "s");
    private double _learningRate;

    /// <param name="learningRate">α &gt; 0.</param>
    /// <param name="beta">β in [0, 1), the decay of the squared-gradient average (the course's β2).</param>
    /// <param name="epsilon">ε &gt; 0.</param>
    public RmsProp(double learningRate, double beta = 0.999, double epsilon = 1e-8)
    {
        _learningRate = Hyperparameter.LearningRate(learningRate, nameof(learningRate));
        Beta = Hyperparameter.Beta(beta, nameof(beta));
        Epsilon = Hyperparameter.Epsilon(epsilon, nameof(epsilon));
    }

    public string Name => "rmsprop";

    public double LearningRate
    {
        get => _learningRate;
        set => _learningRate = Hyperparameter.LearningRate(value, nameof(LearningRate));
    }

    /// <summary>β, the squared-gradient average's decay.</summary>
    public double Beta { get; }

    /// <summary>ε, added to √s.</summary>
    public double Epsilon { get; }

    /// <summary>Steps taken so far.</summary>
    public int Steps { get; private set; }

    public void Step<T>(IReadOnlyList<Parameter<T>> parameters) where T : unmanaged, IFloatingPointIeee754<T>
    {
        T beta = T.CreateChecked(Beta), oneMinusBeta = T.CreateChecked(1 - Beta);
        T alpha = T.CreateChecked(_learningRate), epsilon = T.CreateChecked(Epsilon);
        for (int i = 0; i < parameters.Count; i++)
        {
            var p = parameters[i];
            OptimizerKernels.RmsProp(p.Value.AsSpan(), _states.For(p)[0], p.Gradient.AsReadOnlySpan(), beta, oneMinusBeta, alpha, epsilon);
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

    public override string ToString() => $"RmsProp(α={LearningRate}, β={Beta}, ε={Epsilon})";
}
