using System.Numerics;
using Backprop.Kernels;
using Backprop.Layers.Activations;
using Backprop.Tensors;

namespace Backprop.Layers;

/// <summary>A fully connected layer in the course's notation, batch-first: Z = A_prev·Wᵀ + b, A = g(Z)
/// (the course's Z[l] = W[l]·A[l−1] + b[l] with examples as rows). W[l] has the course's shape (n[l], n[l−1]) and
/// b[l] has n[l] entries. Backward (the course's linear_activation_backward): dZ = dA ∘ g′(Z), then
/// linear_backward: dW = dZᵀ·A_prev, db = Σ_rows dZ, dA_prev = dZ·W. (The 1/m is already in dZ, from the cost.)</summary>
public sealed class Dense<T> : IOutputLayer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly Dictionary<int, BatchBuffers> _buffers = [];
    private Tensor<T>? _input;
    private BatchBuffers? _last;

    public Dense(int inputSize, int outputSize, IActivation? activation = null)
    {
        if (inputSize <= 0) throw new ArgumentOutOfRangeException(nameof(inputSize), inputSize, "A dense layer needs at least one input.");
        if (outputSize <= 0) throw new ArgumentOutOfRangeException(nameof(outputSize), outputSize, "A dense layer needs at least one unit.");
        Weight = new Parameter<T>("W", Tensor<T>.Zeros(outputSize, inputSize));
        Bias = new Parameter<T>("b", Tensor<T>.Zeros(outputSize));
        Activation = activation ?? Activations.Activation.Linear;
        Parameters = [Weight, Bias];
    }

    /// <summary>W[l], shape (n[l], n[l−1]).</summary>
    public Parameter<T> Weight { get; }

    /// <summary>b[l], shape (n[l]).</summary>
    public Parameter<T> Bias { get; }

    /// <summary>g, the activation applied to Z.</summary>
    public IActivation Activation { get; }

    public int InputSize => Weight.Value.Dim(1);
    public int OutputSize => Weight.Value.Dim(0);
    public IReadOnlyList<Parameter<T>> Parameters { get; }

    /// <summary>Z of the latest forward batch (the cache).</summary>
    public Tensor<T> PreActivation => Last.Z;

    public Tensor<T> Forward(Tensor<T> input)
    {
        if (input.Rank != 2 || input.Dim(1) != InputSize)
            throw new ArgumentException($"Dense layer {Weight.Name} expects input [m × {InputSize}]; got {ShapeMath.Format(input.Shape)}.");
        var buffers = BuffersFor(input.Dim(0));
        Tensor<T>.MatMulInto(input, Weight.Value, buffers.Z, transposeB: true);
        AddBiasToRows(buffers.Z, Bias.Value);
        Activation.Forward(buffers.Z, buffers.A);
        _input = input;
        _last = buffers;
        return buffers.A;
    }

    public Tensor<T>? Backward(Tensor<T> outputGradient, bool needInputGradient = true)
    {
        var buffers = Last;
        if (!outputGradient.Shape.SequenceEqual(buffers.A.Shape))
            throw new ArgumentException($"Dense layer {Weight.Name} backward: dA has shape {ShapeMath.Format(outputGradient.Shape)}, A has {ShapeMath.Format(buffers.A.Shape)}.");
        Activation.Backward(buffers.Z, buffers.A, outputGradient, buffers.DZ);
        return BackwardFromPreActivation(buffers.DZ, needInputGradient);
    }

    public Tensor<T>? BackwardFromPreActivation(Tensor<T> dz, bool needInputGradient = true)
    {
        var buffers = Last;
        var input = _input!;
        Tensor<T>.MatMulInto(dz, input, Weight.Gradient, transposeA: true);
        SumRows(dz, Bias.Gradient);
        if (!needInputGradient) return null;
        Tensor<T>.MatMulInto(dz, Weight.Value, buffers.DInput);
        return buffers.DInput;
    }

    private BatchBuffers Last => _last ?? throw new InvalidOperationException($"Dense layer {Weight.Name}: Backward needs a Forward first.");

    private BatchBuffers BuffersFor(int rows)
    {
        if (_buffers.TryGetValue(rows, out var b)) return b;
        if (_buffers.Count >= 4) _buffers.Clear(); // batch sizes rarely vary; don't hoard memory when they do
        b = new BatchBuffers(
            Tensor<T>.Zeros(rows, OutputSize), Tensor<T>.Zeros(rows, OutputSize),
            Tensor<T>.Zeros(rows, OutputSize), Tensor<T>.Zeros(rows, InputSize));
        _buffers[rows] = b;
        return b;
    }

    /// <summary>Z[i, :] += b for every row i (the broadcast of b across examples).</summary>
    private static void AddBiasToRows(Tensor<T> z, Tensor<T> bias)
    {
        var zs = z.AsSpan();
        var bs = bias.AsReadOnlySpan();
        int n = bs.Length;
        for (int i = 0; i < zs.Length; i += n)
            Elementwise.Binary<T, AddOperator<T>>(zs.Slice(i, n), bs, zs.Slice(i, n));
    }

    /// <summary>db = Σ over rows of dZ.</summary>
    private static void SumRows(Tensor<T> dz, Tensor<T> db)
    {
        var acc = db.AsSpan();
        acc.Clear();
        var s = dz.AsReadOnlySpan();
        int n = acc.Length;
        for (int i = 0; i < s.Length; i += n) Reductions.AddInto(s.Slice(i, n), acc);
    }

    public override string ToString() => $"Dense({InputSize} → {OutputSize}, {Activation.Name})";

    private sealed record BatchBuffers(Tensor<T> Z, Tensor<T> A, Tensor<T> DZ, Tensor<T> DInput);
}
