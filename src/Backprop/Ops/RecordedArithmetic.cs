using System.Numerics;
using System.Runtime.CompilerServices;
using Backprop.Autograd;
using Backprop.Tensors;

namespace Backprop.Ops;

/// <summary>The Tensor operators' differentiable forms: <c>x + y</c> on a tensor that requires a gradient is
/// <see cref="Op.Add{T}(Tensor{T}, Tensor{T})"/>, and so on (x − s is x + (−s), bit for bit). Registered when the assembly
/// loads, before any tensor can require a gradient, so that Tensors (below Autograd and Ops) need not refer to them.</summary>
internal sealed class RecordedArithmetic : IGraphArithmetic
{
    // CA2255 warns that a library's module initializer runs at load time, unasked; this one only stores a stateless
    // object, and it is the one hook that runs before any tensor can be marked RequiresGrad (a public setter).
#pragma warning disable CA2255
    [ModuleInitializer]
#pragma warning restore CA2255
    internal static void Register() => GraphArithmetic.Register(new RecordedArithmetic());

    public bool IsRecording => Graph.IsRecording;

    public Tensor<T> Add<T>(Tensor<T> a, Tensor<T> b) where T : unmanaged, IFloatingPointIeee754<T> => Op.Add(a, b);
    public Tensor<T> Subtract<T>(Tensor<T> a, Tensor<T> b) where T : unmanaged, IFloatingPointIeee754<T> => Op.Subtract(a, b);
    public Tensor<T> Multiply<T>(Tensor<T> a, Tensor<T> b) where T : unmanaged, IFloatingPointIeee754<T> => Op.Multiply(a, b);
    public Tensor<T> Divide<T>(Tensor<T> a, Tensor<T> b) where T : unmanaged, IFloatingPointIeee754<T> => Op.Divide(a, b);
    public Tensor<T> Add<T>(Tensor<T> x, T s) where T : unmanaged, IFloatingPointIeee754<T> => Op.AddScalar(x, s);
    public Tensor<T> Subtract<T>(Tensor<T> x, T s) where T : unmanaged, IFloatingPointIeee754<T> => Op.AddScalar(x, -s);
    public Tensor<T> Subtract<T>(T s, Tensor<T> x) where T : unmanaged, IFloatingPointIeee754<T> => Op.Subtract(s, x);
    public Tensor<T> Multiply<T>(Tensor<T> x, T s) where T : unmanaged, IFloatingPointIeee754<T> => Op.Scale(x, s);
    public Tensor<T> Divide<T>(Tensor<T> x, T s) where T : unmanaged, IFloatingPointIeee754<T> => Op.Divide(x, s);
    public Tensor<T> Divide<T>(T s, Tensor<T> x) where T : unmanaged, IFloatingPointIeee754<T> => Op.Divide(s, x);
    public Tensor<T> Negate<T>(Tensor<T> x) where T : unmanaged, IFloatingPointIeee754<T> => Op.Negate(x);
}
