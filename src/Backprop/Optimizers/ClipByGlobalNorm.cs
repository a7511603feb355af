using System.Numerics;
using Backprop.Kernels;
using Backprop.Layers;

namespace Backprop.Optimizers;

/// <summary>Gradient clipping by global norm, as a wrapper around any optimiser (PyTorch's
/// <c>clip_grad_norm_</c> before <c>step</c>): with ‖g‖ = √(Σ over every parameter's gradient of g²), when ‖g‖ &gt; c every
/// gradient is scaled by c / ‖g‖ before the inner step, so the update keeps its direction and its length is bounded. A
/// gradient that is not finite is left alone and reported by <see cref="LastNorm"/> (the trainer's divergence check sees
/// the cost).</summary>
public sealed class ClipByGlobalNorm : IStatefulOptimizer
{
    /// <param name="inner">The optimiser that takes the step with the clipped gradients.</param>
    /// <param name="maxNorm">c &gt; 0, the largest global norm a step's gradients may have.</param>
    public ClipByGlobalNorm(IOptimizer inner, double maxNorm)
    {
        Inner = inner ?? throw new ArgumentNullException(nameof(inner));
        MaxNorm = maxNorm > 0 && double.IsFinite(maxNorm)
            ? maxNorm
            : throw new ArgumentOutOfRangeException(nameof(maxNorm), maxNorm, "The clipping norm must be a finite number > 0.");
    }

    public IOptimizer Inner { get; }

    /// <summary>c, the bound on ‖g‖.</summary>
    public double MaxNorm { get; }

    /// <summary>‖g‖ of the last step's gradients, before clipping (NaN before the first step).</summary>
    public double LastNorm { get; private set; } = double.NaN;

    /// <summary>The inner optimiser's name: the update rule is its; clipping is a setting beside it.</summary>
    public string Name => Inner.Name;

    public double LearningRate
    {
        get => Inner.LearningRate;
        set => Inner.LearningRate = value;
    }

    public void Step<T>(IReadOnlyList<Parameter<T>> parameters) where T : unmanaged, IFloatingPointIeee754<T>
    {
        double squares = 0;
        for (int i = 0; i < parameters.Count; i++)
            squares += double.CreateChecked(OptimizerKernels.SumOfSquares(parameters[i].Gradient.AsReadOnlySpan()));
        LastNorm = Math.Sqrt(squares);
        if (LastNorm > MaxNorm && double.IsFinite(LastNorm))
        {
            T scale = T.CreateChecked(MaxNorm / LastNorm);
            for (int i = 0; i < parameters.Count; i++)
            {
                var g = parameters[i].Gradient;
                Elementwise.BinaryScalarRight<T, MultiplyOperator<T>>(g.AsReadOnlySpan(), scale, g.AsSpan());
            }
        }
        Inner.Step(parameters);
    }

    /// <summary>The inner optimiser's state: clipping keeps none of its own.</summary>
    public OptimizerState ExportState<T>(IReadOnlyList<Parameter<T>> parameters) where T : unmanaged, IFloatingPointIeee754<T> =>
        Optimizer.ExportState(Inner, parameters);

    public void ImportState<T>(IReadOnlyList<Parameter<T>> parameters, OptimizerState state) where T : unmanaged, IFloatingPointIeee754<T> =>
        Optimizer.ImportState(Inner, parameters, state);

    public override string ToString() => $"{Inner}, gradients clipped to norm {MaxNorm}";
}
