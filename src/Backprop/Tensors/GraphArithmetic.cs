using System.Numerics;

namespace Backprop.Tensors;

/// <summary>The differentiable forms of <see cref="Tensor{T}"/>'s operators, implemented above this layer (Ops registers
/// them when the assembly loads) so that Tensors never refers to the graph. An operator with an operand that requires a
/// gradient asks <see cref="IsRecording"/> and, when it is true, computes through these methods, which record on the graph;
/// otherwise it computes the plain result. Whether the graph records is the implementation's to say.</summary>
internal interface IGraphArithmetic
{
    /// <summary>Whether ops record on this thread now (false inside a no-grad scope).</summary>
    bool IsRecording { get; }

    Tensor<T> Add<T>(Tensor<T> a, Tensor<T> b) where T : unmanaged, IFloatingPointIeee754<T>;
    Tensor<T> Subtract<T>(Tensor<T> a, Tensor<T> b) where T : unmanaged, IFloatingPointIeee754<T>;
    Tensor<T> Multiply<T>(Tensor<T> a, Tensor<T> b) where T : unmanaged, IFloatingPointIeee754<T>;
    Tensor<T> Divide<T>(Tensor<T> a, Tensor<T> b) where T : unmanaged, IFloatingPointIeee754<T>;
    Tensor<T> Add<T>(Tensor<T> x, T s) where T : unmanaged, IFloatingPointIeee754<T>;
    Tensor<T> Subtract<T>(Tensor<T> x, T s) where T : unmanaged, IFloatingPointIeee754<T>;
    Tensor<T> Subtract<T>(T s, Tensor<T> x) where T : unmanaged, IFloatingPointIeee754<T>;
    Tensor<T> Multiply<T>(Tensor<T> x, T s) where T : unmanaged, IFloatingPointIeee754<T>;
    Tensor<T> Divide<T>(Tensor<T> x, T s) where T : unmanaged, IFloatingPointIeee754<T>;
    Tensor<T> Divide<T>(T s, Tensor<T> x) where T : unmanaged, IFloatingPointIeee754<T>;
    Tensor<T> Negate<T>(Tensor<T> x) where T : unmanaged, IFloatingPointIeee754<T>;
}

/// <summary>Where the operators find the registered <see cref="IGraphArithmetic"/>.</summary>
internal static class GraphArithmetic
{
    private static IGraphArithmetic? s_registered;

    /// <summary>Installs the graph's arithmetic (Ops does, from a module initializer, before any tensor exists).</summary>
    internal static void Register(IGraphArithmetic arithmetic) => s_registered = arithmetic;

    /// <summary>The registered arithmetic, for an operator with an operand that requires a gradient; with none registered,
    /// an error naming <paramref name="op"/>, the Op method that records the same arithmetic.</summary>
    internal static IGraphArithmetic For(string op) => s_registered ?? throw Unregistered(op);

    /// <summary>Whether ops record on this thread now (false with no graph arithmetic registered).</summary>
    internal static bool IsRecordingNow => s_registered is { IsRecording: true };

    /// <summary>The error of an operator on a tensor that requires a gradient when no graph arithmetic is registered.</summary>
    internal static InvalidOperationException Unregistered(string op) => new(
        $"A Tensor operator was applied to a tensor that requires a gradient, but no autograd arithmetic is registered, " +
        $"so it cannot record on the graph. Use {op}.");
}
