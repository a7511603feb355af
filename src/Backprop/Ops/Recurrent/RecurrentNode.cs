using System.Numerics;
using Backprop.Autograd;
using Backprop.Kernels;
using Backprop.Tensors;

namespace Backprop.Ops.Recurrent;

/// <summary>The shared frame of a fused recurrent op over a batch-first sequence X (m, T, n_x): the input projection
/// U = X·Wxᵀ + b for all T steps in one GEMM (X is copied time-major so each step's m rows are contiguous), the step loop
/// (<see cref="ForwardSteps"/>), and the output, either every a⟨t⟩ (m, T, H) or the last a⟨T⟩ (m, H). Backpropagation
/// through time runs the steps in reverse (<see cref="BackwardSteps"/>) into dU and dV (the gradients of the x-part and
/// of the hidden part of the pre-activations), then, summed over all steps at once: dWx = dUᵀ·X, db = Σ_rows dU,
/// dX = dU·Wx, dWh = dVᵀ·[a⟨0⟩ … a⟨T−1⟩]. Inputs: X, Wx, Wh, b, a⟨0⟩ (may be null: zeros), and one extra (c⟨0⟩ or bh).</summary>
public abstract class RecurrentNode<T> : GradNode<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly TensorBuffer<T> _xt = new(), _output = new(), _dh = new(), _dxt = new();
    protected readonly TensorBuffer<T> States = new(), GradU = new(), GradV = new(), GradHPrev = new();
    private bool _returnSequences;

    protected RecurrentNode() : base(6) { }

    /// <summary>m, T, n_x, H of the last forward.</summary>
    protected int Batch, Steps, InputSize, Hidden;

    /// <summary>Gate blocks per step: 1 (tanh RNN), 4 (LSTM), 3 (GRU).</summary>
    protected abstract int GateCount { get; }

    /// <summary>X time-major (T, m, n_x).</summary>
    protected Tensor<T> TimeMajorX { get; private set; } = null!;

    /// <summary>Validates, records the inputs, prepares a⟨0⟩ in States[0] and runs the steps; returns the output.</summary>
    protected Tensor<T> Run(Tensor<T> x, Tensor<T> wx, Tensor<T> wh, Tensor<T> b, Tensor<T>? h0, Tensor<T>? extra, bool returnSequences)
    {
        int gates = GateCount;
        if (x.Rank != 3) throw new ArgumentException($"A recurrent layer expects batch-first sequences (m, T, n_x); got {ShapeMath.Format(x.Shape)}.");
        (Batch, Steps, InputSize, Hidden) = (x.Dim(0), x.Dim(1), x.Dim(2), wh.Dim(1));
        if (wx.Dim(1) != InputSize)
            throw new ArgumentException($"A recurrent layer with {wx.Dim(1)} inputs per step got sequences of {InputSize} features ({ShapeMath.Format(x.Shape)}).");
        if (Steps == 0) throw new ArgumentException("A recurrent layer needs sequences of at least one step.");
        if (h0 is not null) RequireState(h0, "initial state");
        (Inputs[0], Inputs[1], Inputs[2], Inputs[3], Inputs[4], Inputs[5]) = (x, wx, wh, b, h0, extra);
        _returnSequences = returnSequences;
        int m = Batch, steps = Steps, nx = InputSize, hid = Hidden;
        TimeMajorX = _xt.Get(steps, m, nx);
        ToTimeMajor(x.AsReadOnlySpan(), TimeMajorX.AsSpan(), m, steps, nx);
        var states = States.Get(steps + 1, m, hid);
        if (h0 is null) states.AsSpan()[..(m * hid)].Clear();
        else h0.AsReadOnlySpan().CopyTo(states.AsSpan()[..(m * hid)]);
        ForwardSteps();
        Tensor<T> y;
        if (returnSequences)
        {
            y = _output.Get(m, steps, hid);
            FromTimeMajor(states.AsReadOnlySpan()[(m * hid)..], y.AsSpan(), m, steps, hid);
        }
        else
        {
            y = _output.Get(m, hid);
            states.AsReadOnlySpan().Slice(steps * m * hid, m * hid).CopyTo(y.AsSpan());
        }
        return Graph.Record(y, this);
    }

    /// <summary>Checks an (m, H) initial state.</summary>
    protected void RequireState(Tensor<T> state, string what)
    {
        if (state.Rank != 2 || state.Dim(0) != Batch || state.Dim(1) != Hidden)
            throw new ArgumentException($"The {what} must have shape ({Batch}, {Hidden}); got {ShapeMath.Format(state.Shape)}.");
    }

    /// <summary>The input projection U = X·Wxᵀ + b (T·m rows of G·H) written into <paramref name="u"/>.</summary>
    protected void ProjectInputs(Span<T> u)
    {
        var (wx, b) = (Inputs[1]!, Inputs[3]!);
        int rows = Steps * Batch, gh = GateCount * Hidden;
        for (int r = 0; r < rows; r++) b.AsReadOnlySpan().CopyTo(u.Slice(r * gh, gh));
        Gemm.Multiply(false, true, rows, gh, InputSize, T.One, TimeMajorX.AsReadOnlySpan(), InputSize, wx.AsReadOnlySpan(), InputSize, T.One, u, gh);
    }

    /// <summary>Fills States[1..T] with a⟨1⟩ … a⟨T⟩ (States[0] holds a⟨0⟩).</summary>
    protected abstract void ForwardSteps();

    /// <summary>Given ∂J/∂a⟨t⟩ from the output (time-major, T × m × H), writes GradU and GradV (T·m × G·H each) and leaves
    /// ∂J/∂a⟨0⟩ in GradHPrev (m × H).</summary>
    protected abstract void BackwardSteps(ReadOnlySpan<T> dOutput);

    /// <summary>The hidden-part gradient dV; the same buffer as dU for cells whose two parts share pre-activations.</summary>
    protected virtual Tensor<T> HiddenGradient => GradU.Get(Steps * Batch, GateCount * Hidden);

    public override void Backward(Tensor<T> dy)
    {
        var (x, wx, wh, b, h0) = (Inputs[0]!, Inputs[1]!, Inputs[2]!, Inputs[3]!, Inputs[4]);
        int m = Batch, steps = Steps, nx = InputSize, hid = Hidden, gh = GateCount * hid, rows = steps * m;
        var dOut = _dh.Get(steps, m, hid);
        if (_returnSequences) ToTimeMajor(dy.AsReadOnlySpan(), dOut.AsSpan(), m, steps, hid);
        else
        {
            dOut.AsSpan()[..((steps - 1) * m * hid)].Clear();
            dy.AsReadOnlySpan().CopyTo(dOut.AsSpan()[((steps - 1) * m * hid)..]);
        }
        BackwardSteps(dOut.AsReadOnlySpan());
        var du = GradU.Get(rows, gh).AsReadOnlySpan();
        var dv = HiddenGradient.AsReadOnlySpan();
        if (Graph.GradientTarget(wx, out bool addWx) is { } dwx)
            Gemm.Multiply(true, false, gh, nx, rows, T.One, du, gh, TimeMajorX.AsReadOnlySpan(), nx, addWx ? T.One : T.Zero, dwx.AsSpan(), nx);
        if (Graph.GradientTarget(b, out bool addB) is { } db) SumRows(du, gh, db.AsSpan(), addB);
        if (Graph.GradientTarget(wh, out bool addWh) is { } dwh)
            Gemm.Multiply(true, false, gh, hid, rows, T.One, dv, gh, States.Get(steps + 1, m, hid).AsReadOnlySpan(), hid, addWh ? T.One : T.Zero, dwh.AsSpan(), hid);
        if (h0 is not null && Graph.GradientTarget(h0, out bool addH) is { } dh0)
            Graph.AddInto(dh0, addH, GradHPrev.Get(m, hid));
        if (Graph.GradientTarget(x, out bool addX) is { } dx)
        {
            var dxt = _dxt.Get(steps, m, nx);
            Gemm.Multiply(false, false, rows, nx, gh, T.One, du, gh, wx.AsReadOnlySpan(), nx, T.Zero, dxt.AsSpan(), nx);
            FromTimeMajor(dxt.AsReadOnlySpan(), dx.AsSpan(), m, steps, nx, addX);
        }
        BackwardExtra();
    }

    /// <summary>Gradients of inputs beyond the common five (c⟨0⟩, bh).</summary>
    protected virtual void BackwardExtra() { }

    /// <summary>acc (+)= Σ over rows of g (rows of <paramref name="width"/>).</summary>
    protected static void SumRows(ReadOnlySpan<T> g, int width, Span<T> acc, bool accumulate)
    {
        if (!accumulate) acc.Clear();
        for (int i = 0; i < g.Length; i += width) Reductions.AddInto(g.Slice(i, width), acc);
    }

    /// <summary>(m, T, n) → (T, m, n).</summary>
    private static void ToTimeMajor(ReadOnlySpan<T> src, Span<T> dst, int m, int steps, int n)
    {
        for (int i = 0; i < m; i++)
            for (int t = 0; t < steps; t++)
                src.Slice((i * steps + t) * n, n).CopyTo(dst.Slice((t * m + i) * n, n));
    }

    /// <summary>(T, m, n) → (m, T, n), overwriting or adding.</summary>
    private static void FromTimeMajor(ReadOnlySpan<T> src, Span<T> dst, int m, int steps, int n, bool add = false)
    {
        for (int t = 0; t < steps; t++)
            for (int i = 0; i < m; i++)
            {
                var from = src.Slice((t * m + i) * n, n);
                var to = dst.Slice((i * steps + t) * n, n);
                if (add) Reductions.AddInto(from, to); else from.CopyTo(to);
            }
    }
}
