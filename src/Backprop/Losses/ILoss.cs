using System.Numerics;
using Backprop.Ops.Activations;
using Backprop.Tensors;

namespace Backprop.Losses;

/// <summary>A cost J(Ŷ, Y) averaged over the batch, as an expression of differentiable ops: <see cref="Compute{T}"/>
/// returns J as a one-element tensor on the computation graph, so <c>J.Backward()</c> gives every gradient.
/// A custom loss is a class with this one method, e.g. J = mean |ŷ − y|: <c>Op.Mean(Op.Abs(Op.Subtract(p, y)))</c>.</summary>
public interface ILoss
{
    /// <summary>Name used in files and on the command line.</summary>
    string Name { get; }

    /// <summary>Throws when this loss cannot pair with a model whose output activation is <paramref name="output"/>
    /// (null: unknown, accepted). Cross-entropy needs probabilities of its kind; squared error on softmax is a mistake.</summary>
    void CheckOutput(IActivation? output) { }

    /// <summary>J for predictions Ŷ (the model's output) against targets Y of the same shape.</summary>
    Tensor<T> Compute<T>(Tensor<T> prediction, Tensor<T> target) where T : unmanaged, IFloatingPointIeee754<T>;
}
