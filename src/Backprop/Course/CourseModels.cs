using System.Numerics;
using Backprop.Initializers;
using Backprop.Layers;
using Backprop.Ops.Activations;
using Backprop.Models;
using Backprop.Randomness;

namespace Backprop.Course;

/// <summary>The course's networks with the course's initialisation, so a run reproduces the notebooks' numbers:
/// each calls <c>np.random.seed(s)</c> (a fresh <see cref="NumpyRandom"/>) and draws W[1], W[2], … in order.</summary>
public static class CourseModels
{
    /// <summary>Week 2: logistic regression a = σ(wᵀx + b), w and b initialised to zero (n_x inputs, one sigmoid unit).</summary>
    public static Sequential<T> LogisticRegression<T>(int inputs) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var model = new Sequential<T>(new Dense<T>(inputs, 1, Activation.Sigmoid));
        model.Initialize(Initializer.Zeros, new NumpyRandom(0)); // the course's initialize_with_zeros
        return model;
    }

    /// <summary>Week 3: [2, n_h, 1], tanh hidden layer, sigmoid output; seed(3) then W = randn·0.01.</summary>
    public static Sequential<T> Planar<T>(int hiddenUnits, uint seed = 3) where T : unmanaged, IFloatingPointIeee754<T> =>
        Build<T>([2, hiddenUnits, 1], Activation.Tanh, Initializer.Small, seed);

    /// <summary>Week 4: the 2-layer cat model [12288, 7, 1], LINEAR → RELU → LINEAR → SIGMOID; seed(1) then W = randn·0.01.</summary>
    public static Sequential<T> TwoLayerCat<T>() where T : unmanaged, IFloatingPointIeee754<T> =>
        Build<T>([12288, 7, 1], Activation.Relu, Initializer.Small, 1);

    /// <summary>Week 4: the L-layer cat model [12288, 20, 7, 5, 1]; seed(1) then W[l] = randn / √n[l−1].</summary>
    public static Sequential<T> LLayerCat<T>() where T : unmanaged, IFloatingPointIeee754<T> =>
        Build<T>([12288, 20, 7, 5, 1], Activation.Relu, Initializer.Course, 1);

    private static Sequential<T> Build<T>(int[] dims, IActivation hidden, IInitializer initializer, uint seed)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var model = Sequential<T>.FromLayerDims(dims, hidden, Activation.Sigmoid);
        model.Initialize(initializer, new NumpyRandom(seed));
        return model;
    }
}
