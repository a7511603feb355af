using System.Numerics;
using Backprop.Randomness;
using Backprop.Tensors;

namespace Backprop.Initializers;

/// <summary>Sets a weight matrix W[l] of shape (n[l], n[l−1]) before training, drawing from the NumPy-compatible
/// generator in row-major order so that the course's seeds give the course's weights. Biases start at zero.</summary>
public interface IInitializer
{
    /// <summary>Name used in files and on the command line.</summary>
    string Name { get; }

    /// <summary>Fills <paramref name="weight"/> (fan-in n[l−1] = weight.Dim(1)).</summary>
    void Initialize<T>(Tensor<T> weight, NumpyRandom random) where T : unmanaged, IFloatingPointIeee754<T>;
}
