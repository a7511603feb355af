using System.Numerics;
using Backprop.Randomness;
using Backprop.Tensors;

namespace Backprop.Initializers;

/// <summary>Sets a weight before training, drawing from the NumPy-compatible generator in row-major order so that the
/// course's seeds give the course's weights. Scales use the weight's fan-in and fan-out, which its layer declares
/// (a dense W[l] (n[l], n[l−1]) has fan-in n[l−1]; a convolution (f, f, n_C_prev, n_C) has f·f·n_C_prev).
/// Biases and shifts start at zero and scales at one: modules initialise each parameter by its role.</summary>
public interface IInitializer
{
    /// <summary>Name used in files and on the command line.</summary>
    string Name { get; }

    /// <summary>Fills <paramref name="weight"/> given its fan-in and fan-out.</summary>
    void Initialize<T>(Tensor<T> weight, FanSizes fans, NumpyRandom random) where T : unmanaged, IFloatingPointIeee754<T>;

    /// <summary>Fills a dense weight matrix (n[l], n[l−1]): fan-in n[l−1], fan-out n[l].</summary>
    void Initialize<T>(Tensor<T> weight, NumpyRandom random) where T : unmanaged, IFloatingPointIeee754<T> =>
        Initialize(weight, FanSizes.OfMatrix(weight), random);
}
