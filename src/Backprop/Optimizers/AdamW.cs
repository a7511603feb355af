using System.Numerics;
using Backprop.Defaults;
using Backprop.Kernels;
using Backprop.Layers;

namespace Backprop.Optimizers;

/// <summary>Adam with decoupled weight decay (Loshchilov and Hutter; PyTorch's <c>torch.optim.AdamW</c>): each weight first
/// shrinks, W ← W − α·λ·W, and then takes <see cref="Adam"/>'s step from its own gradient, which the decay never enters.
/// L2 regularisation instead adds λ·W to dW, where Adam's per-coordinate scaling then weakens it for large gradients.
/// Only weights (<see cref="ParameterRole.Weight"/>) decay; biases, scales and shifts do not (PyTorch users get this with
/// parameter groups; nanoGPT does the same).</summary>
public sealed class AdamW : IStatefulOptimizer
{
    private readonly Adam _adam;

    /// <param name="learningRate">α &gt; 0.</param>
    /// <param name="weightDecay">λ ≥ 0, the decay per unit of α (PyTorch's default 0.01).</param>
    /// <param name="beta1">β1 in [0, 1).</param>
    /// <param name="beta2">β2 in [0, 1).</param>
    /// <param name="epsilon">ε &gt; 0.</param>
    public AdamW(double learningRate = TrainingDefaults.AdaptiveLearningRate, double weightDecay = TrainingDefaults.WeightDecay,
        double beta1 = 0.9, double beta2 = 0.999, double epsilon = 1e-8)
    {
        _adam = new Adam(learningRate, beta1, beta2, epsilon);
        WeightDecay = weightDecay >= 0 && double.IsFinite(weightDecay)
            ? weightDecay
            : throw new ArgumentOutOfRangeException(nameof(weightDecay), weightDecay, "The weight decay λ must be a finite number ≥ 0.");
    }

    public string Name => "adamw";

    public double LearningRate
    {
        get => _adam.LearningRate;
        set => _adam.LearningRate = value;
    }

    /// <summary>λ: each step multiplies every weight by 1 − α·λ before Adam's update.</summary>
    public double WeightDecay { get; }
    public double Beta1 => _adam.Beta1;
    public double Beta2 => _adam.Beta2;
    public double Epsilon => _adam.Epsilon;

    /// <summary>t, the steps taken so far.</summary>
    public int Steps => _adam.Steps;

    public void Step<T>(IReadOnlyList<Parameter<T>> parameters) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (WeightDecay != 0)
        {
            // W ← W·(1 − α·λ), the factor formed in double and rounded once, as PyTorch's p.mul_(1 - lr * weight_decay).
            T keep = T.CreateChecked(1 - _adam.LearningRate * WeightDecay);
            for (int i = 0; i < parameters.Count; i++)
            {
                var p = parameters[i];
                if (p.Role == ParameterRole.Weight)
                    Elementwise.BinaryScalarRight<T, MultiplyOperator<T>>(p.Value.AsReadOnlySpan(), keep, p.Value.AsSpan());
            }
        }
        _adam.Step(parameters);
    }

    /// <summary>Adam's moments and step count, under this optimiser's name.</summary>
    public OptimizerState ExportState<T>(IReadOnlyList<Parameter<T>> parameters) where T : unmanaged, IFloatingPointIeee754<T> =>
        new(Name, Steps, [], _adam.ExportState(parameters));

    public void ImportState<T>(IReadOnlyList<Parameter<T>> parameters, OptimizerState state) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(state);
        if (state.Optimizer != Name || state.Inner is null || state.Arrays.Count != 0)
            throw new ArgumentException($"The state belongs to a '{state.Optimizer}' optimiser, not '{Name}'.", nameof(state));
        _adam.ImportState(parameters, state.Inner);
    }

    public override string ToString() => $"AdamW(α={LearningRate}, λ={WeightDecay}, β1={Beta1}, β2={Beta2}, ε={Epsilon})";
}
