using System.Numerics;
using Backprop.Autograd;
using Backprop.Kernels;
using Backprop.Tensors;

namespace Backprop.Ops.Recurrent;

/// <summary>The fused LSTM over a whole sequence, gates [i, f, g, o] (PyTorch's order): per step
/// z = x⟨t⟩·Wxᵀ + a⟨t−1⟩·Whᵀ + b, c⟨t⟩ = σ(z_f) ∘ c⟨t−1⟩ + σ(z_i) ∘ tanh(z_g), a⟨t⟩ = σ(z_o) ∘ tanh(c⟨t⟩)
/// (<see cref="LstmCell"/>), and backpropagation through time carrying ∂J/∂a and ∂J/∂c backwards.
/// Wx (4H, n_x), Wh (4H, H), b (4H) = PyTorch's b_ih + b_hh. Inputs[5] is c⟨0⟩ (null: zeros).</summary>
public sealed class LstmNode<T> : RecurrentNode<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly TensorBuffer<T> _gates = new(), _cells = new(), _tanhC = new(), _finalCell = new(), _dc = new(), _dhTotal = new();

    protected override int GateCount => 4;

    /// <summary>c⟨T⟩ of the last forward (m, H): a value, not on the graph.</summary>
    public Tensor<T> FinalCell => _finalCell.Get(Batch, Hidden);

    /// <summary>Runs the sequence from a⟨0⟩ = <paramref name="h0"/> and c⟨0⟩ = <paramref name="c0"/> (null: zeros).</summary>
    public Tensor<T> Forward(Tensor<T> x, Tensor<T> wx, Tensor<T> wh, Tensor<T> b, Tensor<T>? h0, Tensor<T>? c0, bool returnSequences)
    {
        if (c0 is not null && (c0.Rank != 2 || c0.Dim(0) != x.Dim(0) || c0.Dim(1) != wh.Dim(1)))
            throw new ArgumentException($"The initial cell state must have shape ({x.Dim(0)}, {wh.Dim(1)}); got {ShapeMath.Format(c0.Shape)}.");
        return Run(x, wx, wh, b, h0, c0, returnSequences);
    }

    protected override void ForwardSteps()
    {
        int m = Batch, h = Hidden, step = m * h, gstep = 4 * step;
        var s = States.Get(Steps + 1, m, h).AsSpan();
        var c = _cells.Get(Steps + 1, m, h).AsSpan();
        var tc = _tanhC.Get(Steps, m, h).AsSpan();
        var gates = _gates.Get(Steps * m, 4 * h).AsSpan();
        if (Inputs[5] is { } c0) c0.AsReadOnlySpan().CopyTo(c[..step]); else c[..step].Clear();
        ProjectInputs(gates);
        var wh = Inputs[2]!.AsReadOnlySpan();
        for (int t = 0; t < Steps; t++)
            LstmCell.Forward<T>(m, h, s.Slice(t * step, step), c.Slice(t * step, step), wh, gates.Slice(t * gstep, gstep),
                c.Slice((t + 1) * step, step), tc.Slice(t * step, step), s.Slice((t + 1) * step, step));
        c.Slice(Steps * step, step).CopyTo(FinalCell.AsSpan());
    }

    protected override void BackwardSteps(ReadOnlySpan<T> dOutput)
    {
        int m = Batch, h = Hidden, step = m * h, gstep = 4 * step;
        var c = _cells.Get(Steps + 1, m, h).AsReadOnlySpan();
        var tc = _tanhC.Get(Steps, m, h).AsReadOnlySpan();
        var gates = _gates.Get(Steps * m, 4 * h).AsReadOnlySpan();
        var du = GradU.Get(Steps * m, 4 * h).AsSpan();
        var dNext = GradHPrev.Get(m, h).AsSpan();
        var dc = _dc.Get(m, h).AsSpan();
        var dh = _dhTotal.Get(m, h).AsSpan();
        dNext.Clear();
        dc.Clear();
        var wh = Inputs[2]!.AsReadOnlySpan();
        for (int t = Steps - 1; t >= 0; t--)
        {
            var dOut = dOutput.Slice(t * step, step);
            for (int i = 0; i < step; i++) dh[i] = dOut[i] + dNext[i];
            var dg = du.Slice(t * gstep, gstep);
            LstmCell.Backward<T>(m, h, gates.Slice(t * gstep, gstep), c.Slice(t * step, step), tc.Slice(t * step, step), dh, dc, dg);
            Gemm.Multiply(false, false, m, h, 4 * h, T.One, dg, 4 * h, wh, h, T.Zero, dNext, h);
        }
    }

    protected override void BackwardExtra()
    {
        if (Inputs[5] is { } c0 && Graph.GradientTarget(c0, out bool add) is { } dc0)
            Graph.AddInto(dc0, add, _dc.Get(Batch, Hidden));
    }
}
