using System.Numerics;
using Backprop.Kernels;
using Backprop.Layers;

namespace Backprop.Optimizers;

/// <summary>L2 regularisation ("weight decay") as a wrapper around any optimiser: before the inner step, every weight's
/// gradient gets the penalty's gradient, dW ← dW + λ·W, which is the gradient of the extra cost (λ/2)·Σₗ‖W[l]‖².
/// Only weights (<see cref="ParameterRole.Weight"/>) are penalised; biases, scales and shifts are left alone, as in the course.
/// <para><b>λ here is the course's λ/m.</b> The course adds (λ/2m)·Σ‖W‖² to J and (λ/m)·W to dW, with m the number of
/// examples J averages over; pass that quotient as <c>lambda</c>, or call <see cref="FromCourse"/> with the course's λ
/// and m. The gradient buffers are changed in place, so after a step they hold the regularised dW, like the course's
/// backward_propagation_with_regularization.</para></summary>
public sealed class L2Regularization : IStatefulOptimizer
{
    /// <param name="inner">The optimiser that takes the step with the regularised gradients.</param>
    /// <param name="lambda">The coefficient of W added to dW, ≥ 0: the course's λ divided by m.</param>
    public L2Regularization(IOptimizer inner, double lambda)
    {
        Inner = inner ?? throw new ArgumentNullException(nameof(inner));
        Lambda = lambda >= 0 && double.IsFinite(lambda)
            ? lambda
            : throw new ArgumentOutOfRangeException(nameof(lambda), lambda, "The L2 coefficient λ must be a finite number ≥ 0.");
    }

    /// <summary>The course's form: J += (<paramref name="lambd"/>/2m)·Σ‖W‖², dW += (<paramref name="lambd"/>/m)·W,
    /// with m = <paramref name="examples"/>.</summary>
    public static L2Regularization FromCourse(IOptimizer inner, double lambd, int examples)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(examples, 1);
        if (!(lambd >= 0 && double.IsFinite(lambd)))
            throw new ArgumentOutOfRangeException(nameof(lambd), lambd, "The L2 coefficient λ must be a finite number ≥ 0.");
        return new L2Regularization(inner, lambd / examples);
    }

    /// <summary>The wrapped optimiser.</summary>
    public IOptimizer Inner { get; }

    /// <summary>λ, the coefficient of W in dW (the course's λ/m).</summary>
    public double Lambda { get; }

    /// <summary>The inner optimiser's name: the update rule is its; λ is a setting beside it.</summary>
    public string Name => Inner.Name;

    public double LearningRate
    {
        get => Inner.LearningRate;
        set => Inner.LearningRate = value;
    }

    public void Step<T>(IReadOnlyList<Parameter<T>> parameters) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (Lambda != 0)
        {
            T lambda = T.CreateChecked(Lambda);
            for (int i = 0; i < parameters.Count; i++)
            {
                var p = parameters[i];
                if (p.Role == ParameterRole.Weight) OptimizerKernels.AddScaled(p.Gradient.AsSpan(), p.Value.AsReadOnlySpan(), lambda);
            }
        }
        Inner.Step(parameters);
    }

    /// <summary>The cost's extra term, (λ/2)·Σₗ‖W[l]‖² over the weights: add it to J to report the
    /// regularised cost the gradients belong to.</summary>
    public double Penalty<T>(IReadOnlyList<Parameter<T>> parameters) where T : unmanaged, IFloatingPointIeee754<T>
    {
        double sum = 0;
        for (int i = 0; i < parameters.Count; i++)
            if (parameters[i].Role == ParameterRole.Weight) sum += double.CreateChecked(OptimizerKernels.SumOfSquares(parameters[i].Value.AsReadOnlySpan()));
        return Lambda / 2 * sum;
    }

    /// <summary>The inner optimiser's state: L2 regularisation keeps none of its own.</summary>
    public OptimizerState ExportState<T>(IReadOnlyList<Parameter<T>> parameters) where T : unmanaged, IFloatingPointIeee754<T> =>
        Optimizer.ExportState(Inner, parameters);

    public void ImportState<T>(IReadOnlyList<Parameter<T>> parameters, OptimizerState state) where T : unmanaged, IFloatingPointIeee754<T> =>
        Optimizer.ImportState(Inner, parameters, state);

    public override string ToString() => $"{Inner} + L2(λ={Lambda})";
}
