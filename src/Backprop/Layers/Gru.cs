using System.Numerics;
using Backprop.Autograd;
using Backprop.Initializers;
using Backprop.Ops.Recurrent;
using Backprop.Tensors;

namespace Backprop.Layers;

/// <summary>A GRU layer over batch-first sequences (m, T, n_x): with u = x⟨t⟩·Wxᵀ + bx and v = a⟨t−1⟩·Whᵀ + bh split into
/// gates [r, z, n], r = σ(u_r + v_r), z = σ(u_z + v_z), n = tanh(u_n + r ∘ v_n), a⟨t⟩ = (1 − z) ∘ n + z ∘ a⟨t−1⟩; returns
/// every a⟨t⟩ (m, T, H) or only a⟨T⟩ (m, H). Layout (PyTorch's, as is): Wx (3H, n_x) = weight_ih_l0,
/// Wh (3H, H) = weight_hh_l0, bx (3H) = bias_ih_l0, bh (3H) = bias_hh_l0 — two biases, because bh's n block sits inside
/// r ∘ ( ). The course's update gate Γu is 1 − z. One fused op, <see cref="GruNode{T}"/>.</summary>
public sealed class Gru<T> : Module<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly NodePool<T, GruNode<T>> _gru = new(() => new GruNode<T>());

    /// <summary>A layer of <paramref name="hiddenSize"/> units on <paramref name="inputSize"/> features per step.</summary>
    public Gru(int inputSize, int hiddenSize, bool returnSequences = true)
    {
        RecurrentShapes.Require(inputSize, hiddenSize);
        InputWeight = new Parameter<T>("Wx", Tensor<T>.Zeros(3 * hiddenSize, inputSize), ParameterRole.Weight, new FanSizes(inputSize, hiddenSize));
        HiddenWeight = new Parameter<T>("Wh", Tensor<T>.Zeros(3 * hiddenSize, hiddenSize), ParameterRole.Weight, new FanSizes(hiddenSize, hiddenSize));
        InputBias = new Parameter<T>("bx", Tensor<T>.Zeros(3 * hiddenSize), ParameterRole.Bias);
        HiddenBias = new Parameter<T>("bh", Tensor<T>.Zeros(3 * hiddenSize), ParameterRole.Bias);
        ReturnSequences = returnSequences;
        DefaultInitialization.Apply(InputWeight);
        DefaultInitialization.Apply(HiddenWeight);
    }

    /// <summary>Wx, shape (3H, n_x), gate blocks r, z, n.</summary>
    public Parameter<T> InputWeight { get; }

    /// <summary>Wh, shape (3H, H), gate blocks r, z, n.</summary>
    public Parameter<T> HiddenWeight { get; }

    /// <summary>bx, shape (3H).</summary>
    public Parameter<T> InputBias { get; }

    /// <summary>bh, shape (3H).</summary>
    public Parameter<T> HiddenBias { get; }

    /// <summary>True: the output is every a⟨t⟩ (m, T, H); false: only a⟨T⟩ (m, H).</summary>
    public bool ReturnSequences { get; }

    /// <summary>n_x.</summary>
    public int InputSize => InputWeight.Value.Dim(1);

    /// <summary>H.</summary>
    public int HiddenSize => HiddenWeight.Value.Dim(1);

    public override Tensor<T> Forward(Tensor<T> input) => Forward(input, null);

    /// <summary>Runs from a⟨0⟩ = <paramref name="initialState"/> (m, H); null means zeros.</summary>
    public Tensor<T> Forward(Tensor<T> input, Tensor<T>? initialState) =>
        _gru.Next().Forward(input, InputWeight.Value, HiddenWeight.Value, InputBias.Value, HiddenBias.Value, initialState, ReturnSequences);

    public override string ToString() => $"Gru({InputSize} → {HiddenSize}{(ReturnSequences ? ", sequences" : "")})";
}
