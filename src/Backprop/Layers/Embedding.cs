using System.Numerics;
using Backprop.Autograd;
using Backprop.Initializers;
using Backprop.Ops;
using Backprop.Tensors;

namespace Backprop.Layers;

/// <summary>Token ids to vectors, Y[…, :] = E[id, :]: an input of ids of any shape (m, T) becomes (m, T, d). The table E
/// has shape (V, d), row v being token v's vector (PyTorch's nn.Embedding weight, as is). One fused op,
/// <see cref="EmbeddingNode{T}"/>, whose backward scatter-adds dY into the rows of dE.</summary>
public sealed class Embedding<T> : Module<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly NodePool<T, EmbeddingNode<T>> _lookup = new(() => new EmbeddingNode<T>());

    /// <summary>A table of <paramref name="vocabularySize"/> vectors of <paramref name="width"/> values, Xavier-initialised.</summary>
    public Embedding(int vocabularySize, int width)
    {
        if (vocabularySize <= 0) throw new ArgumentOutOfRangeException(nameof(vocabularySize), vocabularySize, "An embedding needs at least one token.");
        if (width <= 0) throw new ArgumentOutOfRangeException(nameof(width), width, "An embedding needs vectors of at least one value.");
        Weight = new Parameter<T>("E", Tensor<T>.Zeros(vocabularySize, width), ParameterRole.Weight, new FanSizes(vocabularySize, width));
        DefaultInitialization.Apply(Weight);
    }

    /// <summary>E, shape (V, d).</summary>
    public Parameter<T> Weight { get; }

    /// <summary>V, the number of token ids.</summary>
    public int VocabularySize => Weight.Value.Dim(0);

    /// <summary>d, the length of each vector.</summary>
    public int Width => Weight.Value.Dim(1);

    public override Tensor<T> Forward(Tensor<T> input) => _lookup.Next().Forward(input, Weight.Value);

    public override string ToString() => $"Embedding({VocabularySize} → {Width})";
}
