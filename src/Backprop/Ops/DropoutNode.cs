using System.Numerics;
using Backprop.Autograd;
using Backprop.Kernels;
using Backprop.Randomness;
using Backprop.Tensors;

namespace Backprop.Ops;

/// <summary>Inverted dropout (the course's course-2 form): D = (U ≥ rate)/(1 − rate) with U uniform in [0, 1), Y = X ∘ D,
/// so E[Y] = X and nothing needs rescaling at test time. Backward: dX = dY ∘ D.</summary>
public sealed class DropoutNode<T> : GradNode<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly TensorBuffer<T> _output = new(), _mask = new(), _scratch = new();
    private Tensor<T>? _lastMask;

    public DropoutNode() : base(1) { }

    /// <summary>Y = X ∘ D with a fresh mask drawn from <paramref name="random"/> (one draw per element, row-major).</summary>
    public Tensor<T> Forward(Tensor<T> x, double rate, NumpyRandom random)
    {
        if (!(rate >= 0 && rate < 1)) throw new ArgumentOutOfRangeException(nameof(rate), rate, "The dropout rate must be in [0, 1).");
        Inputs[0] = x;
        var mask = _lastMask = _mask.Like(x);
        T keep = T.CreateChecked(1 / (1 - rate));
        var d = mask.AsSpan();
        for (int i = 0; i < d.Length; i++) d[i] = random.NextDouble() >= rate ? keep : T.Zero;
        var y = _output.Like(x);
        Elementwise.Binary<T, MultiplyOperator<T>>(x.AsReadOnlySpan(), mask.AsReadOnlySpan(), y.AsSpan());
        return Graph.Record(y, this);
    }

    public override void Backward(Tensor<T> dy)
    {
        var x = Inputs[0]!;
        var dx = Graph.GradientTarget(x, out bool accumulate);
        if (dx is null) return;
        var target = accumulate ? _scratch.Like(x) : dx;
        Elementwise.Binary<T, MultiplyOperator<T>>(dy.AsReadOnlySpan(), _lastMask!.AsReadOnlySpan(), target.AsSpan());
        if (accumulate) dx.AddInPlace(target);
    }
}
