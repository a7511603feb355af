using System.Numerics;
using Backprop.Tensors;

namespace Backprop.Ops.Recurrent;

/// <summary>The fused tanh RNN over a whole sequence: a⟨t⟩ = tanh(x⟨t⟩·Wxᵀ + a⟨t−1⟩·Whᵀ + b) for t = 1…T
/// (<see cref="RnnCell"/> per step), with backpropagation through time: dz⟨t⟩ = (∂J/∂a⟨t⟩ + dz⟨t+1⟩·Wh) ∘ (1 − a⟨t⟩²).
/// Wx (H, n_x), Wh (H, H), b (H); PyTorch's b_ih + b_hh is b.</summary>
public sealed class RnnNode<T> : RecurrentNode<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    protected override int GateCount => 1;

    /// <summary>Runs the sequence; <paramref name="h0"/> null means a⟨0⟩ = 0.</summary>
    public Tensor<T> Forward(Tensor<T> x, Tensor<T> wx, Tensor<T> wh, Tensor<T> b, Tensor<T>? h0, bool returnSequences) =>
        Run(x, wx, wh, b, h0, null, returnSequences);

    protected override void ForwardSteps()
    {
        int m = Batch, h = Hidden, step = m * h;
        var s = States.Get(Steps + 1, m, h).AsSpan();
        ProjectInputs(s[step..]);
        var wh = Inputs[2]!.AsReadOnlySpan();
        for (int t = 0; t < Steps; t++)
            RnnCell.Forward<T>(m, h, s.Slice(t * step, step), wh, s.Slice((t + 1) * step, step));
    }

    protected override void BackwardSteps(ReadOnlySpan<T> dOutput)
    {
        int m = Batch, h = Hidden, step = m * h;
        var s = States.Get(Steps + 1, m, h).AsReadOnlySpan();
        var du = GradU.Get(Steps * m, h).AsSpan();
        var dNext = GradHPrev.Get(m, h).AsSpan();
        dNext.Clear();
        var wh = Inputs[2]!.AsReadOnlySpan();
        for (int t = Steps - 1; t >= 0; t--)
        {
            var dz = du.Slice(t * step, step);
            var dOut = dOutput.Slice(t * step, step);
            for (int i = 0; i < step; i++) dz[i] = dOut[i] + dNext[i];
            RnnCell.Backward<T>(m, h, s.Slice((t + 1) * step, step), wh, dz, dNext);
        }
    }
}
