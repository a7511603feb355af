using System.Numerics;
using Backprop.Autograd;
using Backprop.Kernels;
using Backprop.Tensors;

namespace Backprop.Ops.Recurrent;

/// <summary>The fused GRU over a whole sequence, gates [r, z, n] (PyTorch's order): per step u = x⟨t⟩·Wxᵀ + bx,
/// v = a⟨t−1⟩·Whᵀ + bh, r = σ(u_r + v_r), z = σ(u_z + v_z), n = tanh(u_n + r ∘ v_n), a⟨t⟩ = (1 − z) ∘ n + z ∘ a⟨t−1⟩
/// (<see cref="GruCell"/>), with backpropagation through time. Two biases, as in PyTorch, because bh_n sits inside r ∘ ( ):
/// Wx (3H, n_x), Wh (3H, H), bx (3H), bh (3H). Inputs[5] is bh.</summary>
public sealed class GruNode<T> : RecurrentNode<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly TensorBuffer<T> _u = new(), _v = new(), _act = new(), _dhTotal = new();

    protected override int GateCount => 3;

    /// <summary>Runs the sequence from a⟨0⟩ = <paramref name="h0"/> (null: zeros).</summary>
    public Tensor<T> Forward(Tensor<T> x, Tensor<T> wx, Tensor<T> wh, Tensor<T> bx, Tensor<T> bh, Tensor<T>? h0, bool returnSequences) =>
        Run(x, wx, wh, bx, h0, bh, returnSequences);

    protected override Tensor<T> HiddenGradient => GradV.Get(Steps * Batch, 3 * Hidden);

    protected override void ForwardSteps()
    {
        int m = Batch, h = Hidden, step = m * h, gstep = 3 * step;
        var s = States.Get(Steps + 1, m, h).AsSpan();
        var u = _u.Get(Steps * m, 3 * h).AsSpan();
        var v = _v.Get(Steps * m, 3 * h).AsSpan();
        var act = _act.Get(Steps * m, 3 * h).AsSpan();
        ProjectInputs(u);
        var wh = Inputs[2]!.AsReadOnlySpan();
        var bh = Inputs[5]!.AsReadOnlySpan();
        for (int t = 0; t < Steps; t++)
            GruCell.Forward<T>(m, h, s.Slice(t * step, step), wh, bh, u.Slice(t * gstep, gstep), v.Slice(t * gstep, gstep),
                act.Slice(t * gstep, gstep), s.Slice((t + 1) * step, step));
    }

    protected override void BackwardSteps(ReadOnlySpan<T> dOutput)
    {
        int m = Batch, h = Hidden, step = m * h, gstep = 3 * step;
        var s = States.Get(Steps + 1, m, h).AsReadOnlySpan();
        var v = _v.Get(Steps * m, 3 * h).AsReadOnlySpan();
        var act = _act.Get(Steps * m, 3 * h).AsReadOnlySpan();
        var du = GradU.Get(Steps * m, 3 * h).AsSpan();
        var dv = GradV.Get(Steps * m, 3 * h).AsSpan();
        var dNext = GradHPrev.Get(m, h).AsSpan();
        var dh = _dhTotal.Get(m, h).AsSpan();
        dNext.Clear();
        var wh = Inputs[2]!.AsReadOnlySpan();
        for (int t = Steps - 1; t >= 0; t--)
        {
            var dOut = dOutput.Slice(t * step, step);
            for (int i = 0; i < step; i++) dh[i] = dOut[i] + dNext[i];
            var dvt = dv.Slice(t * gstep, gstep);
            GruCell.Backward<T>(m, h, s.Slice(t * step, step), v.Slice(t * gstep, gstep), act.Slice(t * gstep, gstep), dh,
                du.Slice(t * gstep, gstep), dvt, dNext);
            Gemm.Multiply(false, false, m, h, 3 * h, T.One, dvt, 3 * h, wh, h, T.One, dNext, h);
        }
    }

    protected override void BackwardExtra()
    {
        if (Graph.GradientTarget(Inputs[5]!, out bool add) is { } dbh)
            SumRows(GradV.Get(Steps * Batch, 3 * Hidden).AsReadOnlySpan(), 3 * Hidden, dbh.AsSpan(), add);
    }
}
