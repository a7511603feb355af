using System.Numerics;
using Backprop.Autograd;
using Backprop.Initializers;
using Backprop.Ops.Recurrent;
using Backprop.Tensors;

namespace Backprop.Layers;

/// <summary>A tanh recurrent layer, a⟨t⟩ = tanh(x⟨t⟩·Wxᵀ + a⟨t−1⟩·Whᵀ + b), over batch-first sequences (m, T, n_x); returns
/// every a⟨t⟩ as (m, T, H) or only a⟨T⟩ as (m, H). Layout: Wx (H, n_x) is the course's Wax and PyTorch's weight_ih_l0,
/// Wh (H, H) is Waa and weight_hh_l0, b (H) is ba and bias_ih_l0 + bias_hh_l0. One fused op, <see cref="RnnNode{T}"/>.</summary>
public sealed class SimpleRnn<T> : Module<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly NodePool<T, RnnNode<T>> _rnn = new(() => new RnnNode<T>());

    /// <summary>A layer of <paramref name="hiddenSize"/> units on <paramref name="inputSize"/> features per step.</summary>
    public SimpleRnn(int inputSize, int hiddenSize, bool returnSequences = true)
    {
        RecurrentShapes.Require(inputSize, hiddenSize);
        InputWeight = new Parameter<T>("Wx", Tensor<T>.Zeros(hiddenSize, inputSize), ParameterRole.Weight, new FanSizes(inputSize, hiddenSize));
        HiddenWeight = new Parameter<T>("Wh", Tensor<T>.Zeros(hiddenSize, hiddenSize), ParameterRole.Weight, new FanSizes(hiddenSize, hiddenSize));
        Bias = new Parameter<T>("b", Tensor<T>.Zeros(hiddenSize), ParameterRole.Bias);
        ReturnSequences = returnSequences;
        DefaultInitialization.Apply(InputWeight);
        DefaultInitialization.Apply(HiddenWeight);
    }

    /// <summary>Wx, shape (H, n_x).</summary>
    public Parameter<T> InputWeight { get; }

    /// <summary>Wh, shape (H, H).</summary>
    public Parameter<T> HiddenWeight { get; }

    /// <summary>b, shape (H).</summary>
    public Parameter<T> Bias { get; }

    /// <summary>True: the output is every a⟨t⟩ (m, T, H); false: only a⟨T⟩ (m, H).</summary>
    public bool ReturnSequences { get; }

    /// <summary>n_x.</summary>
    public int InputSize => InputWeight.Value.Dim(1);

    /// <summary>H.</summary>
    public int HiddenSize => HiddenWeight.Value.Dim(1);

    public override Tensor<T> Forward(Tensor<T> input) => Forward(input, null);

    /// <summary>Runs from the initial state a⟨0⟩ = <paramref name="initialState"/> (m, H); null means zeros.</summary>
    public Tensor<T> Forward(Tensor<T> input, Tensor<T>? initialState) =>
        _rnn.Next().Forward(input, InputWeight.Value, HiddenWeight.Value, Bias.Value, initialState, ReturnSequences);

    public override string ToString() => $"SimpleRnn({InputSize} → {HiddenSize}{(ReturnSequences ? ", sequences" : "")})";
}
