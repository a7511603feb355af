using System.Numerics;
using Backprop.Autograd;
using Backprop.Initializers;
using Backprop.Ops.Recurrent;
using Backprop.Tensors;

namespace Backprop.Layers;

/// <summary>An LSTM layer over batch-first sequences (m, T, n_x): with z = x⟨t⟩·Wxᵀ + a⟨t−1⟩·Whᵀ + b split into gates
/// [i, f, g, o], c⟨t⟩ = σ(z_f) ∘ c⟨t−1⟩ + σ(z_i) ∘ tanh(z_g) and a⟨t⟩ = σ(z_o) ∘ tanh(c⟨t⟩); returns every a⟨t⟩ (m, T, H)
/// or only a⟨T⟩ (m, H). Layout (PyTorch's, gate order i, f, g, o in blocks of H rows): Wx (4H, n_x) = weight_ih_l0,
/// Wh (4H, H) = weight_hh_l0, b (4H) = bias_ih_l0 + bias_hh_l0. The course's Wi, Wf, Wc, Wo (each (H, H + n_x) on
/// [a_prev; x]) are rows [0, H), [H, 2H), [2H, 3H), [3H, 4H) of [Wh | Wx]; bi, bf, bc, bo are the same blocks of b.
/// One fused op, <see cref="LstmNode{T}"/>.</summary>
public sealed class Lstm<T> : Module<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly NodePool<T, LstmNode<T>> _lstm = new(() => new LstmNode<T>());
    private LstmNode<T>? _last;

    /// <summary>A layer of <paramref name="hiddenSize"/> units on <paramref name="inputSize"/> features per step.</summary>
    public Lstm(int inputSize, int hiddenSize, bool returnSequences = true)
    {
        RecurrentShapes.Require(inputSize, hiddenSize);
        InputWeight = new Parameter<T>("Wx", Tensor<T>.Zeros(4 * hiddenSize, inputSize), ParameterRole.Weight, new FanSizes(inputSize, hiddenSize));
        HiddenWeight = new Parameter<T>("Wh", Tensor<T>.Zeros(4 * hiddenSize, hiddenSize), ParameterRole.Weight, new FanSizes(hiddenSize, hiddenSize));
        Bias = new Parameter<T>("b", Tensor<T>.Zeros(4 * hiddenSize), ParameterRole.Bias);
        ReturnSequences = returnSequences;
        DefaultInitialization.Apply(InputWeight);
        DefaultInitialization.Apply(HiddenWeight);
    }

    /// <summary>Wx, shape (4H, n_x), gate blocks i, f, g, o.</summary>
    public Parameter<T> InputWeight { get; }

    /// <summary>Wh, shape (4H, H), gate blocks i, f, g, o.</summary>
    public Parameter<T> HiddenWeight { get; }

    /// <summary>b, shape (4H), gate blocks i, f, g, o.</summary>
    public Parameter<T> Bias { get; }

    /// <summary>True: the output is every a⟨t⟩ (m, T, H); false: only a⟨T⟩ (m, H).</summary>
    public bool ReturnSequences { get; }

    /// <summary>n_x.</summary>
    public int InputSize => InputWeight.Value.Dim(1);

    /// <summary>H.</summary>
    public int HiddenSize => HiddenWeight.Value.Dim(1);

    /// <summary>c⟨T⟩ of the last forward, (m, H): a value for carrying state on (not on the graph), or null before any.</summary>
    public Tensor<T>? FinalCell => _last?.FinalCell;

    public override Tensor<T> Forward(Tensor<T> input) => Forward(input, null, null);

    /// <summary>Runs from a⟨0⟩ = <paramref name="initialState"/> and c⟨0⟩ = <paramref name="initialCell"/> (m, H); null means zeros.</summary>
    public Tensor<T> Forward(Tensor<T> input, Tensor<T>? initialState, Tensor<T>? initialCell)
    {
        _last = _lstm.Next();
        return _last.Forward(input, InputWeight.Value, HiddenWeight.Value, Bias.Value, initialState, initialCell, ReturnSequences);
    }

    public override string ToString() => $"Lstm({InputSize} → {HiddenSize}{(ReturnSequences ? ", sequences" : "")})";
}
